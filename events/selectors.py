"""
Reads of the event calendar. Views, feeds, plugins and other apps ask here, never the ORM directly:
public reads start from `Event.objects.published()` and end in `recurrence.expand()` over a window.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, TruncDay
from django.utils import timezone
from django.utils.functional import cached_property

from events.calendar import (
    MonthGrid,
    add_months,
    day_window,
    grid_range,
    local_date,
    local_midnight,
    local_tz,
    month_grid,
)
from events.models import Event, EventDownload
from events.recurrence import Occurrence, expand
from managers.selectors import municipality_for_user

# How far ahead "alle Termine" and the feeds look (to the end of that day, see upcoming_end()), and
# how far back the iCalendar feed starts.
UPCOMING_HORIZON = timedelta(days=2 * 366)
FEED_PAST = timedelta(days=180)
# Where the archive begins when no "from" date is given.
ARCHIVE_START = date(1990, 1, 1)


def public_events():
    return Event.objects.published().for_listing()


def card_events():
    """Published events with the columns a date card or the month grid shows (templates/events/includes)."""
    return Event.objects.published().for_cards()


def occurrences_between(start: datetime, end: datetime, *, events=None) -> list[Occurrence]:
    """Published occurrences touching [start, end), optionally from a filtered queryset of events."""
    queryset = public_events() if events is None else events
    return expand(queryset.overlapping(start, end), start, end)


def day_occurrences(day: date, *, events=None) -> list[Occurrence]:
    start, end = day_window(day)
    return occurrences_between(start, end, events=card_events() if events is None else events)


def month_occurrences(year: int, month: int, *, request=None, cards: bool = True) -> list[Occurrence]:
    """The published occurrences of a month grid (all weeks shown), for date cards or (`cards=False`)
    only for counting them per day.

    Read once per request: the month page and the sidebar calendar beside it show the same month.
    """
    memo = request.__dict__.setdefault("_events_month_occurrences", {}) if request is not None else {}
    read = memo.get((year, month))
    if read is None or (cards and not read[1]):
        start, stop = grid_range(year, month)
        events = card_events() if cards else Event.objects.published().for_grid()
        occurrences = occurrences_between(local_midnight(start), local_midnight(stop), events=events)
        read = memo[year, month] = (occurrences, cards)
    return read[0]


def upcoming_end(now: datetime) -> datetime:
    """The end of what is "upcoming": the end of the day UPCOMING_HORIZON ahead. A whole day, so the
    far end of the lists moves once a day (at local midnight), not with every request."""
    return local_midnight(local_date(now + UPCOMING_HORIZON) + timedelta(days=1))


class CalendarMonth:
    """
    A month as the month page and the sidebar calendar show it: its neighbours at once, the grid
    with its dates (one query) only when a template asks for it - not at all while the template's
    cached part of the grid is valid.

    `today` is today's date while the grid shows it (it is marked there), else None: what the grid
    depends on besides the month and published content.
    """

    def __init__(self, first: date, *, request=None, cards: bool = True):
        self.first = first
        self.previous = add_months(first, -1)
        self.next = add_months(first, 1)
        self.request = request
        self.cards = cards  # the dates for date cards, or only to count them per day (sidebar)
        start, stop = grid_range(first.year, first.month)
        today = timezone.localdate()
        self.today = today if start <= today < stop else None

    @property
    def holds_until(self) -> datetime:
        """The next local midnight: "today" moves on in the grid (a part showing it lasts no longer)."""
        return local_midnight(timezone.localdate() + timedelta(days=1))

    @cached_property
    def grid(self) -> MonthGrid:
        year, month = self.first.year, self.first.month
        occurrences = month_occurrences(year, month, request=self.request, cards=self.cards)
        return month_grid(year, month, occurrences=occurrences, today=self.today)


class NextDates:
    """
    "Nächste Termine": the first `count` dates not yet over (of one organiser, if given), read when
    a template asks for them.

    `valid_until` says until when the list stays as it is without any save: until the first shown
    date ends (it drops out, the next moves up). A date joining at the far end of the window starts
    after every shown one - unless fewer dates than asked for were found: then the window's far end
    (it moves at local midnight, upcoming_end()) may bring one in, so the list holds until midnight.
    """

    def __init__(self, *, count: int, organiser_id: int | None = None, now: datetime | None = None):
        self.count = count
        self.organiser_id = organiser_id
        self.now = now or timezone.now()

    @cached_property
    def occurrences(self) -> list[Occurrence]:
        events = card_events()
        if self.organiser_id:
            events = events.filter(organiser_id=self.organiser_id)
        return upcoming_occurrences(now=self.now, events=events, limit=self.count)

    @property
    def valid_until(self) -> datetime:
        occurrences = self.occurrences
        if len(occurrences) < self.count:
            return local_midnight(local_date(self.now) + timedelta(days=1))
        return min(occurrence.end for occurrence in occurrences)


def upcoming_occurrences(*, now: datetime, events=None, limit: int | None = None) -> list[Occurrence]:
    """Occurrences not yet over, soonest first (running multi-day events included)."""
    window = OccurrenceWindow(public_events() if events is None else events, now, upcoming_end(now))
    return window[:limit] if limit else list(window)


def _occurrence_key(occurrence: Occurrence):
    """The order of every date list (as recurrence.expand sorts)."""
    return occurrence.start, occurrence.event.title_de.lower(), occurrence.event.pk or 0


class OccurrenceWindow(Sequence):
    """
    The occurrences of `events` touching [start, end), sorted by start (newest first if asked),
    read a slice at a time: what "alle Termine", the archive, the feeds and the "Nächste Termine"
    plugin page through. A Paginator takes it like a list.

    Bounded by what is shown, not by how many events the window holds: single dates (nearly all
    events) come from the database already sorted and cut to the slice - the rows up to the last
    one shown, ties at the cut included, so the order is exactly recurrence.expand()'s; only series
    are expanded in Python (every series touching the window, typically a few dozen). The number of
    dates is one COUNT plus the series' dates. Three queries per page, whatever the data size.
    """

    def __init__(self, events, start: datetime, end: datetime, *, ends_by: datetime | None = None,
                 newest_first: bool = False):
        self.events = events
        self.start = start
        self.end = end
        self.ends_by = ends_by  # only occurrences over by then (the archive)
        self.newest_first = newest_first

    def _keep(self, occurrence: Occurrence) -> bool:
        return self.ends_by is None or occurrence.end <= self.ends_by

    @cached_property
    def _series(self) -> list[Occurrence]:
        return self._series_between(self.start, self.end)

    def _series_between(self, start: datetime, end: datetime) -> list[Occurrence]:
        series = self.events.exclude(rrule="").overlapping(start, end)
        occurrences = [o for o in expand(series, start, end) if self._keep(o)]  # in _occurrence_key order
        if self.newest_first:
            occurrences.reverse()  # no two share a key (one event, one start): the same as sorting
        return occurrences

    def _singles(self):
        # What expand() keeps: a date ending exactly at the window's start is over (unless it has no
        # length and starts there); overlapping() also keeps those ending then.
        singles = self.events.filter(rrule="").overlapping(self.start, self.end)
        singles = singles.filter(Q(series_end__gt=self.start) | Q(start__gte=self.start))
        if self.ends_by is not None:
            singles = singles.filter(series_end__lte=self.ends_by)  # a single date's series_end is its end
        # The occurrence's start as recurrence.first_start() computes it: all-day dates begin at midnight.
        return singles.annotate(
            occurrence_start=Case(
                When(all_day=True, then=TruncDay("start", tzinfo=local_tz())),
                default=F("start"),
                output_field=DateTimeField(),
            )
        )

    @cached_property
    def _count(self) -> int:
        return self._singles().count() + len(self._series)

    def __len__(self) -> int:
        return self._count

    @property
    def holds_until(self) -> datetime:
        """
        Until when the dates of an upcoming window stay as they are without any save: until the first
        of them ends (it drops out and every later one moves up a place), or the next local midnight
        (the far end of "upcoming" moves then), whichever comes first. Not for the archive, which
        gains a date whenever one ends.
        """
        midnight = local_midnight(timezone.localdate() + timedelta(days=1))
        first_single_end = self._singles().aggregate(first=Min("series_end"))["first"]
        series_ends = [occurrence.end for occurrence in self._series]
        return min([midnight, *series_ends, *([first_single_end] if first_single_end else [])])

    def _first_singles(self, count: int) -> list[Occurrence]:
        """The first `count` single dates in this window's order, and any tied with the last of them."""
        singles = self._singles()
        if self.newest_first:
            order, compare, beyond = "-occurrence_start", "gte", datetime(1, 1, 2, tzinfo=UTC)
        else:
            order, compare, beyond = "occurrence_start", "lte", self.end
        nth = singles.order_by(order, "pk").values("occurrence_start")[count - 1 : count]
        cut = Coalesce(Subquery(nth), Value(beyond, output_field=DateTimeField()))
        rows = singles.filter(**{f"occurrence_start__{compare}": cut}).order_by(order, "pk")
        return [o for o in expand(rows, self.start, self.end) if self._keep(o)]

    def __getitem__(self, index):
        if isinstance(index, int):
            if index < 0:
                index += len(self)
            items = self[index : index + 1] if index >= 0 else []
            if not items:
                raise IndexError("occurrence index out of range")
            return items[0]
        first, stop = index.start or 0, index.stop
        if index.step not in (None, 1) or first < 0 or (stop is not None and stop < 0):
            return list(self)[index]
        if stop is None:
            stop = len(self)
        if stop <= first:
            return []
        singles = self._first_singles(stop)
        merged = sorted([*singles, *self._series_for(singles, stop)], key=_occurrence_key, reverse=self.newest_first)
        return merged[first:stop]

    def _series_for(self, singles: list[Occurrence], stop: int) -> list[Occurrence]:
        """The series' dates that can be among the first `stop`: none beyond the last single date needed."""
        if "_series" in self.__dict__ or len(singles) < stop:
            return self._series
        if self.newest_first:
            cut = singles[0].start  # `singles` is in ascending order: the earliest one needed
            return [o for o in self._series_between(max(self.start, cut), self.end) if o.start >= cut]
        cut = singles[-1].start + timedelta(microseconds=1)
        return [o for o in self._series_between(self.start, min(self.end, cut)) if o.start < cut]

    def __iter__(self):
        return iter(self[0 : len(self)])


def organiser_events_in_year(*, organiser, year: int) -> list[Occurrence]:
    """Published dates of one organiser in a calendar year, by start ("Veranstaltungen des IQZ im Jahr 2008").

    Each item has `.title`, `.start`, `.end`, `.event` and `.get_absolute_url()`; a series counts
    once per date. The events carry the columns of a date card and `report_id` (models.CARD_FIELDS);
    any other field would be read per event.
    """
    start = local_midnight(date(year, 1, 1))
    end = local_midnight(date(year + 1, 1, 1))
    occurrences = occurrences_between(start, end, events=card_events().filter(organiser=organiser))
    return [o for o in occurrences if o.start >= start]


def published_event(slug: str) -> Event | None:
    """A published event with what its page shows; its downloads (`event.download_list`) are read
    only if it has any, which most events do not."""
    return _event_for_page(Event.objects.published(), slug=slug)


def previewable_event(user, pk: int) -> Event | None:
    """Any event (drafts, scheduled ones) for the preview, if `user` may change it: the IQZ every
    event, the Kommunale Redaktion their city's (events_editable_by); else None (the view says 404)."""
    if not (user.is_authenticated and user.is_staff and user.has_perm("events.change_event")):
        return None
    return _event_for_page(events_editable_by(user), pk=pk)


def _event_for_page(queryset, **lookup) -> Event | None:
    try:
        event = (
            queryset.select_related("organiser", "category", "image", "report")
            .annotate(has_downloads=Exists(EventDownload.objects.filter(event=OuterRef("pk"))))
            .get(**lookup)
        )
    except Event.DoesNotExist:
        return None
    prefetch_related_objects([event], "target_groups", *(["downloads__file"] if event.has_downloads else []))
    event.download_list = list(event.downloads.all()) if event.has_downloads else []
    return event


def next_occurrences(event: Event, *, now: datetime, limit: int = 5) -> list[Occurrence]:
    return expand([event], now, upcoming_end(now))[:limit]


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
