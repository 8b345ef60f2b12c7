"""
Reads of the event calendar. Views, feeds, plugins and other apps ask here, never the ORM directly:
public reads start from `Event.objects.published()` and end in `recurrence.expand()` over a window.
"""

from datetime import date, datetime, timedelta

from events.calendar import day_window, local_midnight
from events.models import Event
from events.recurrence import Occurrence, expand
from managers.selectors import municipality_for_user

# How far ahead "alle Termine" and the feeds look, and how far back the iCalendar feed starts.
UPCOMING_HORIZON = timedelta(days=2 * 366)
FEED_PAST = timedelta(days=180)
# Where the archive begins when no "from" date is given.
ARCHIVE_START = date(1990, 1, 1)


def public_events():
    return Event.objects.published().for_listing()


def occurrences_between(start: datetime, end: datetime, *, events=None) -> list[Occurrence]:
    """Published occurrences touching [start, end), optionally from a filtered queryset of events."""
    queryset = public_events() if events is None else events
    return expand(queryset.overlapping(start, end), start, end)


def day_occurrences(day: date, *, events=None) -> list[Occurrence]:
    start, end = day_window(day)
    return occurrences_between(start, end, events=events)


def upcoming_occurrences(*, now: datetime, events=None, limit: int | None = None) -> list[Occurrence]:
    """Occurrences not yet over, soonest first (running multi-day events included)."""
    occurrences = occurrences_between(now, now + UPCOMING_HORIZON, events=events)
    return occurrences[:limit] if limit else occurrences


def organiser_events_in_year(*, organiser, year: int) -> list[Occurrence]:
    """Published dates of one organiser in a calendar year, by start ("Veranstaltungen des IQZ im Jahr 2008").

    Each item has `.title`, `.start`, `.end`, `.event` and `.get_absolute_url()`; a series counts
    once per date.
    """
    start = local_midnight(date(year, 1, 1))
    end = local_midnight(date(year + 1, 1, 1))
    occurrences = occurrences_between(start, end, events=public_events().filter(organiser=organiser))
    return [o for o in occurrences if o.start >= start]


def published_event(slug: str) -> Event | None:
    return (
        public_events()
        .prefetch_related("target_groups", "downloads__file")
        .select_related("image", "report")
        .filter(slug=slug)
        .first()
    )


def next_occurrences(event: Event, *, now: datetime, limit: int = 5) -> list[Occurrence]:
    return expand([event], now, now + UPCOMING_HORIZON)[:limit]


# --- editorial scope ------------------------------------------------------------------------------


def editor_can_manage_all(user) -> bool:
    from familie_portal.roles import IQZ_GROUP

    if not hasattr(user, "_events_manage_all"):  # asked once per object in the admin: one query per request
        user._events_manage_all = user.is_superuser or user.groups.filter(name=IQZ_GROUP).exists()
    return user._events_manage_all


def events_editable_by(user, queryset=None):
    """The events a staff user may manage: all for IQZ and superusers, their city's for the Kommunale Redaktion."""
    queryset = Event.objects.all() if queryset is None else queryset
    if editor_can_manage_all(user):
        return queryset
    municipality = municipality_for_user(user)
    if municipality is None:
        return queryset.none()
    return queryset.filter(organiser__municipality=municipality)


def organisations_for_editor(user, queryset):
    """Organisers a user may choose: all for IQZ, their municipality's organisations otherwise."""
    if editor_can_manage_all(user):
        return queryset
    municipality = municipality_for_user(user)
    if municipality is None:
        return queryset.none()
    return queryset.filter(municipality=municipality)
