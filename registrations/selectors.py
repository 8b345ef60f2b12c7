"""Reads of the registration: what a date offers ("noch 3 Plätze", "Warteliste", "ausgebucht")."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from registrations.models import EventDate, Registration, RegistrationSettings


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

    @property
    def can_register(self) -> bool:
        return self.state in (self.OPEN, self.WAITING_LIST)


def registration_settings(event) -> RegistrationSettings | None:
    """The event's portal registration if it is switched on."""
    return RegistrationSettings.objects.filter(event=event, enabled=True).first()


def event_date(event, start: datetime) -> EventDate | None:
    return EventDate.objects.filter(event=event, start=start).first()


def availability(settings: RegistrationSettings, start: datetime, date_row: EventDate | None, *,
                 now: datetime | None = None) -> Availability:
    """THE rule for whether a date takes sign-ups, and how many places are left."""
    now = now or timezone.now()
    places = settings.places if date_row is None else date_row.places_total(settings)
    taken = date_row.confirmed if date_row is not None else 0
    remaining = max(places - taken, 0)
    closes = min(settings.closes_at, start) if settings.closes_at else start
    if settings.opens_at and now < settings.opens_at:
        return Availability(Availability.NOT_YET, places, remaining, opens_at=settings.opens_at)
    if now >= closes or (date_row is not None and date_row.closed):
        return Availability(Availability.CLOSED, places, remaining)
    if remaining:
        return Availability(Availability.OPEN, places, remaining)
    if settings.waiting_list:
        return Availability(Availability.WAITING_LIST, places, 0)
    return Availability(Availability.BOOKED_OUT, places, 0)


def occurrence_availability(occurrence, *, now: datetime | None = None) -> Availability | None:
    """None: the event takes no sign-ups on the portal."""
    settings = registration_settings(occurrence.event)
    if settings is None:
        return None
    return availability(settings, occurrence.start, event_date(occurrence.event, occurrence.start), now=now)


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
