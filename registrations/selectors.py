"""Reads of the registration: what a date offers ("noch 3 Plätze", "Warteliste", "ausgebucht")."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from registrations.models import EventDate, Registration, RegistrationSettings

# At most this many places left: "LimitedAvailability" for search engines.
LIMITED_PLACES = 5


@dataclass(frozen=True)
class Availability:
    """What a visitor can do for one date. `state`: one of the constants below."""

    OPEN = "open"
    WAITING_LIST = "waiting_list"
    BOOKED_OUT = "booked_out"
    NOT_YET = "not_yet"  # the window opens later
    CLOSED = "closed"  # the window has closed, the date has begun, or the organiser closed it

    state: str
    places: int
    remaining: int
    opens_at: datetime | None = None
    closes_at: datetime | None = None  # when sign-ups end (the window's end, at the latest the beginning)

    @property
    def can_register(self) -> bool:
        return self.state in (self.OPEN, self.WAITING_LIST)

    @property
    def schema_availability(self) -> str:
        """schema.org `ItemAvailability` of the date's places (JSON-LD `offers`)."""
        if self.state in (self.OPEN, self.NOT_YET) and self.remaining:
            if self.remaining <= LIMITED_PLACES:
                return "https://schema.org/LimitedAvailability"
            return "https://schema.org/InStock"
        return "https://schema.org/SoldOut"


def registration_settings(event) -> RegistrationSettings | None:
    """The event's portal registration if it is switched on."""
    return RegistrationSettings.objects.filter(event=event, enabled=True).first()


def event_date(event, start: datetime) -> EventDate | None:
    return EventDate.objects.filter(event=event, start=start).first()


def sign_up_closes(settings: RegistrationSettings, start: datetime) -> datetime:
    """Sign-ups end at the window's end, and never later than the date's beginning."""
    return min(settings.closes_at, start) if settings.closes_at else start


def availability(settings: RegistrationSettings, start: datetime, date_row: EventDate | None, *,
                 now: datetime | None = None) -> Availability:
    """THE rule for whether a date takes sign-ups, and how many places are left."""
    now = now or timezone.now()
    places = settings.places if date_row is None else date_row.places_total(settings)
    taken = date_row.confirmed if date_row is not None else 0
    remaining = max(places - taken, 0)
    window = {"opens_at": settings.opens_at, "closes_at": sign_up_closes(settings, start)}
    if settings.opens_at and now < settings.opens_at:
        return Availability(Availability.NOT_YET, places, remaining, **window)
    if now >= window["closes_at"] or (date_row is not None and date_row.closed):
        return Availability(Availability.CLOSED, places, remaining, **window)
    if remaining:
        return Availability(Availability.OPEN, places, remaining, **window)
    if settings.waiting_list:
        return Availability(Availability.WAITING_LIST, places, 0, **window)
    return Availability(Availability.BOOKED_OUT, places, 0, **window)


def state_changes_at(settings: RegistrationSettings, start: datetime) -> list[datetime]:
    """The moments at which availability() of a date changes by the clock alone (not by a sign-up)."""
    return [moment for moment in (settings.opens_at, sign_up_closes(settings, start)) if moment is not None]


class DatePlaces:
    """
    availability() for a whole page of occurrences at once ("noch 3 Plätze" on every date card): two
    queries, however many dates and events - the events' switched-on settings, then the date rows of
    those events at the dates shown (none if no event takes sign-ups). `get(occurrence)` is None for a
    date without portal registration. `holds_until`: the next moment a state shown changes by the clock
    (a window opens or closes, a date begins) - cached pages and parts last no longer.
    """

    def __init__(self, occurrences, *, now: datetime | None = None):
        self.occurrences = list(occurrences)
        self.now = now or timezone.now()
        event_ids = {occurrence.event.pk for occurrence in self.occurrences}
        self.settings = (
            {row.event_id: row for row in RegistrationSettings.objects.filter(event_id__in=event_ids, enabled=True)}
            if event_ids else {}
        )
        self.rows = {}
        if self.settings:
            starts = {o.start for o in self.occurrences if o.event.pk in self.settings}
            rows = EventDate.objects.filter(event_id__in=self.settings, start__in=starts)
            self.rows = {(row.event_id, row.start): row for row in rows}

    def get(self, occurrence) -> Availability | None:
        settings = self.settings.get(occurrence.event.pk)
        if settings is None:
            return None
        return availability(settings, occurrence.start, self.rows.get((occurrence.event.pk, occurrence.start)),
                            now=self.now)

    def of_event(self, event_id: int) -> Availability | None:
        """The state of the (first) date of this event among the occurrences."""
        occurrence = next((o for o in self.occurrences if o.event.pk == event_id), None)
        return None if occurrence is None else self.get(occurrence)

    @property
    def holds_until(self) -> datetime | None:
        moments = [moment for occurrence in self.occurrences if occurrence.event.pk in self.settings
                   for moment in state_changes_at(self.settings[occurrence.event.pk], occurrence.start)
                   if moment > self.now]
        return min(moments, default=None)


def next_date_places(event_ids, *, now: datetime | None = None) -> DatePlaces:
    """The places of each event's next date (its only one for a single date), for events that take
    sign-ups on the portal - a search result names an event, not a date (`DatePlaces.of_event`). Three
    queries."""
    from events.recurrence import Occurrence, first_start, occurrence_end
    from events.selectors import next_occurrences

    now = now or timezone.now()
    rows = RegistrationSettings.objects.filter(event_id__in=set(event_ids), enabled=True).select_related("event")
    occurrences = []
    for row in rows:
        event = row.event
        if event.is_series:
            occurrences += next_occurrences(event, now=now, limit=1)
        else:
            start = first_start(event)
            occurrences.append(Occurrence(event, start, occurrence_end(event, start)))
    return DatePlaces(occurrences, now=now)


def occurrence_availability(occurrence, *, now: datetime | None = None) -> Availability | None:
    """None: the event takes no sign-ups on the portal."""
    return DatePlaces([occurrence], now=now).get(occurrence)


def registration_by_uuid(value) -> Registration | None:
    return (Registration.objects.select_related("event_date__event__organiser",
                                                "event_date__event__registration_settings")
            .filter(uuid=value).first())


def participants(event_date: EventDate):
    """Everyone who holds or waits for a place, in the order they got it (the lists and exports)."""
    return event_date.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "confirmed_at", "waiting_since", "created", "pk"
    )


def event_dates_manageable_by(user, queryset=None):
    """The dates whose participants a staff user may see: those of the events they may manage."""
    from events.selectors import events_editable_by

    queryset = EventDate.objects.all() if queryset is None else queryset
    return queryset.filter(event__in=events_editable_by(user))


@dataclass(frozen=True)
class Affected:
    """An event whose coming dates hold places or waiting positions: who loses their date if it goes."""

    event: object
    confirmed: int
    waiting: int

    @property
    def people(self) -> int:
        return self.confirmed + self.waiting


def registrations_affected(events, *, now: datetime | None = None) -> list[Affected]:
    """The events of `events` (a queryset) with confirmed or waiting people for a coming date, in the
    order of their start, with the counts a withdrawal, cancellation or deletion would cancel. Two queries."""
    from django.db.models import Q, Sum

    now = now or timezone.now()
    rows = (EventDate.objects.filter(event__in=events, start__gt=now).order_by().values("event")
            .annotate(confirmed_sum=Sum("confirmed"), waiting_sum=Sum("waiting"))
            .filter(Q(confirmed_sum__gt=0) | Q(waiting_sum__gt=0)))
    counts = {row["event"]: row for row in rows}
    if not counts:
        return []
    return [Affected(event, counts[event.pk]["confirmed_sum"], counts[event.pk]["waiting_sum"])
            for event in events.model._default_manager.filter(pk__in=counts).order_by("start", "pk")]
