"""
HTML of the Werkstattreihe's repeated items, built in Python: report cards (list, "Neueste
Werkstattberichte") and the organiser's dates under a report.

A template `{% include %}` per item, with `|date` and `|truncatewords` filters and `{% url %}`s,
costs far more than the item's HTML; these functions give exactly what the templates gave
(tests/workshops/test_rendering.py compares them) at a fraction of the cost. Every value is
escaped with `django.utils.html.escape`/`format_html`; the results are `SafeString`s.
"""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from events.calendar import local_date

TEASER_WORDS = 40
_SLUG = "slug-placeholder"


def workshop_card(workshop, heading: str = "h3") -> SafeString:
    """One report as a card (workshops/includes/workshop_card.html before): title, date, place, series, teaser.

    `workshop` needs `series` and `city` loaded (Workshop.objects.for_list()/for_cards()).
    """
    meta = format_html('<time datetime="{}">{}</time>', workshop.schema_date, workshop.date_display)
    if workshop.city_id:
        meta += format_html(" · {}", workshop.city.name)
    meta += format_html(" · {}", workshop.series.name)
    teaser = escape(Truncator(workshop.teaser).words(TEASER_WORDS, truncate=" …"))
    # `heading` comes from code (h2/h3), never from content.
    return mark_safe(  # noqa: S308 - every value is escaped above or by format_html
        f'<article class="card workshop-card">\n'
        f'  <{heading} class="workshop-card__title">'
        f'<a href="{escape(workshop.get_absolute_url())}">{escape(workshop.title)}</a></{heading}>\n'
        f'  <p class="meta">\n    {meta}\n  </p>\n'
        f"  <p>{teaser}</p>\n"
        f"</article>"
    )


def workshop_cards(workshops, heading: str = "h3") -> SafeString:
    """The `<li>` items of a `<ul class="card-list">` of reports."""
    return mark_safe(  # noqa: S308 - workshop_card escapes
        "\n".join(f"<li>{workshop_card(workshop, heading)}</li>" for workshop in workshops)
    )


def _event_url_pattern() -> str:
    """The events:detail URL with a placeholder slug (one reverse() per list, not per date)."""
    try:
        return reverse("events:detail", kwargs={"slug": _SLUG})
    except NoReverseMatch:  # the calendar page is not hooked (yet): Event.get_absolute_url() gives ""
        return ""


def occurrence_items(occurrences) -> SafeString:
    """`<li>` items linking dates of events: "<title>, <date>" (Occurrence.get_absolute_url(), localised date)."""
    pattern = _event_url_pattern()
    items = []
    for occurrence in occurrences:
        event = occurrence.event
        url = pattern.replace(_SLUG, event.slug) if pattern else ""
        if url and event.rrule:  # a date of a series links to that date
            url += f"?termin={local_date(occurrence.start).isoformat()}"
        start = timezone.localtime(occurrence.start)
        items.append(
            format_html(
                '<li><a href="{}">{}</a>, <time datetime="{}">{}</time></li>',
                url, event.title, start.isoformat(), date_format(start, "DATE_FORMAT"),
            )
        )
    return mark_safe("\n".join(items))  # noqa: S308 - format_html escapes
