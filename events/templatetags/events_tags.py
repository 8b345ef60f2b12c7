"""
The calendar's addresses for templates (events.links, the one place that builds them):

    {{ day|day_url }}      the day page of a date ("" while the calendar page is not hooked)
    {{ day|month_url }}    the month grid of the month a date falls in

An occurrence links itself: `{{ occurrence.get_absolute_url }}` (a series date with ?termin=).
The markup is in templates/events/includes/ (event_card.html, month_grid.html, when.html).
"""

from django import template

from events import links

register = template.Library()


@register.filter
def day_url(day) -> str:
    return links.day_url(day) if day else ""


@register.filter
def month_url(day) -> str:
    return links.month_url(day) if day else ""
