"""
The calendar's hot loops as template tags (HTML built in Python by events.rendering):

    {% month_table grid mini=False show_weeks=True %}   the month grid <table>
    {% occurrence_items occurrences level=2 %}          the <li> date cards of a list
    {% day_sections days %}                             the month page's days with their cards
    {% when occurrence %}                               a date in <time> elements
    {% occurrence_url occurrence %}                     its link (a series date with ?termin=)
"""

from django import template

from events.rendering import renderer_for

register = template.Library()


def _renderer(context):
    return renderer_for(context.get("request"))


@register.simple_tag(takes_context=True)
def month_table(context, grid, mini=False, show_weeks=True):
    return _renderer(context).month_table(grid, mini=mini, show_weeks=show_weeks)


@register.simple_tag(takes_context=True)
def occurrence_items(context, occurrences, level=2):
    return _renderer(context).occurrence_items(occurrences, level)


@register.simple_tag(takes_context=True)
def day_sections(context, days):
    return _renderer(context).day_sections(days)


@register.simple_tag(takes_context=True)
def when(context, occurrence):
    return _renderer(context).when(occurrence)


@register.simple_tag(takes_context=True)
def occurrence_url(context, occurrence):
    return _renderer(context).occurrence_url(occurrence)
