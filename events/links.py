"""
The calendar's addresses, one function each: an event, one date of it, a month, a day.

Templates, feeds, JSON-LD, the sitemap and the search all link through these (templates via
`Occurrence.get_absolute_url`, `CalendarDay.url`, `MonthGrid.url` or the `month_url`/`day_url`
filters of `events_tags`). While the calendar page is not hooked into the CMS (a fresh site), there is
no calendar URL: each gives "".
"""

from datetime import date

from django.urls import NoReverseMatch, reverse

from events.calendar import local_date


def _reverse(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # the calendar page is not hooked (yet)
        return ""


def event_url(slug: str) -> str:
    return _reverse("events:detail", slug=slug)


def occurrence_url(occurrence) -> str:
    """An event's page; for one date of a series that date's (`?termin=2008-05-06`, its local day)."""
    url = event_url(occurrence.event.slug)
    if url and occurrence.event.rrule:
        url += f"?termin={local_date(occurrence.start).isoformat()}"
    return url


def month_url(day: date) -> str:
    """The month grid of the month `day` falls in."""
    return _reverse("events:month", year=day.year, month=day.month)


def day_url(day: date) -> str:
    return _reverse("events:day", year=day.year, month=day.month, day=day.day)
