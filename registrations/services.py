"""
The rules of a registration with side effects. Every change of a date's places, confirmed or waiting
people happens inside a transaction holding the row lock of that date's `EventDate`
(`select_for_update`, PostgreSQL), taken before any registration of the date is read - so racing
confirmations are served one after another and a date is never overbooked. (SQLite has no row locks;
its writers queue for the database instead, see settings.DATABASES.)

A place is taken only on confirmation (double opt-in); a confirmation at capacity goes to the waiting
list if the event has one, else it is "ausgebucht". Cancelling frees the place for the first person
waiting, who is told by mail.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext

from events.calendar import local_date
from events.recurrence import Occurrence
from registrations import mails
from registrations.models import EventDate, Registration, RegistrationSettings
from registrations.selectors import availability

Status = Registration.Status


class RegistrationRefused(Exception):
    """The date takes no sign-ups (any more): the message says why."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


@dataclass(frozen=True)
class SignUp:
    registration: Registration
    created: bool  # False: the address was registered for the date already (mail with its links again)


def _locked_date(event_date_id: int) -> EventDate:
    return EventDate.objects.select_for_update().select_related("event").get(pk=event_date_id)


def registration_create(*, occurrence: Occurrence, registration_settings: RegistrationSettings, data: dict,
                        language: str, base_url: str) -> SignUp:
    """A pending sign-up for one date and the mail asking to confirm it. One per address and date."""
    email = data["email"].strip().lower()
    with transaction.atomic():
        event_date, _ = EventDate.objects.get_or_create(event=occurrence.event, start=occurrence.start)
        event_date = _locked_date(event_date.pk)
        state = availability(registration_settings, event_date.start, event_date)
        existing = event_date.registrations.filter(email=email, status__in=Registration.ACTIVE).first()
        if existing is not None:
            mails.send_already_registered(existing, base_url)
            return SignUp(existing, created=False)
        if not state.can_register:
            raise RegistrationRefused(state.state)
        fields = {key: data.get(key) or default for key, default in (
            ("organisation", ""), ("phone", ""), ("accessibility", []), ("accessibility_other", ""),
            ("dietary", ""), ("message", ""))}
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event_date=event_date, name=data["name"].strip(), email=email, language=language, **fields
                )
        except IntegrityError:  # the same address at the same moment (SQLite has no row lock to queue on)
            existing = event_date.registrations.get(email=email, status__in=Registration.ACTIVE)
            return SignUp(existing, created=False)
        mails.send_confirmation_request(registration, base_url)
    return SignUp(registration, created=True)


def _settings(event) -> RegistrationSettings:
    return RegistrationSettings.objects.get(event=event)


def registration_confirm(*, registration: Registration, base_url: str, now: datetime | None = None) -> Registration:
    """Confirm a pending sign-up: a place if one is free, else the waiting list or "ausgebucht".

    Confirming again changes nothing (the link may be clicked twice). Returns the registration as it is now.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_date = _locked_date(registration.event_date_id)
        registration = Registration.objects.select_related("event_date__event").get(pk=registration.pk)
        if registration.status != Status.PENDING:
            return registration
        settings_row = _settings(event_date.event)
        if now >= event_date.start:
            registration.status = Status.BOOKED_OUT  # too late: the date has begun
            registration.save(update_fields=["status"])
            return registration
        if event_date.confirmed < event_date.places_total(settings_row):
            registration.status, registration.confirmed_at = Status.CONFIRMED, now
            event_date.confirmed = F("confirmed") + 1
            notify = mails.send_confirmed
        elif settings_row.waiting_list:
            registration.status, registration.waiting_since = Status.WAITING, now
            event_date.waiting = F("waiting") + 1
            notify = mails.send_waiting
        else:
            registration.status = Status.BOOKED_OUT
            notify = mails.send_booked_out
        registration.save(update_fields=["status", "confirmed_at", "waiting_since"])
        if registration.status != Status.BOOKED_OUT:
            event_date.save(update_fields=["confirmed", "waiting"])
        notify(registration, base_url)
        if registration.status != Status.BOOKED_OUT:
            mails.send_organiser_notice(registration, base_url, cancelled=False)
    return registration


def registration_cancel(*, registration: Registration, base_url: str, now: datetime | None = None) -> Registration:
    """Cancel (a place, a waiting position or a pending sign-up); the first person waiting moves up."""
    now = now or timezone.now()
    with transaction.atomic():
        event_date = _locked_date(registration.event_date_id)
        registration = Registration.objects.select_related("event_date__event").get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            return registration
        previous = registration.status
        registration.status, registration.cancelled_at = Status.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at"])
        if previous == Status.CONFIRMED:
            event_date.confirmed -= 1
        elif previous == Status.WAITING:
            event_date.waiting -= 1
        if previous != Status.PENDING:
            event_date.cancelled += 1
            event_date.save(update_fields=["confirmed", "waiting", "cancelled"])
            mails.send_cancelled(registration, base_url)
        _fill(event_date, base_url=base_url, now=now)
        if previous != Status.PENDING:
            mails.send_organiser_notice(registration, base_url, cancelled=True)
    return registration


def registration_delete(*, registration: Registration, base_url: str) -> None:
    """The participant deletes their registration through their link: cancelled first, then gone."""
    with transaction.atomic():
        registration_cancel(registration=registration, base_url=base_url)
        Registration.objects.filter(pk=registration.pk).delete()


def event_date_cancel(*, event_date: EventDate, base_url: str, event_gone: bool = False) -> int:
    """The date does not take place: every place and waiting position cancelled, each person told by mail.
    Returns how many were told (again: none). `event_gone`: the whole event is withdrawn or deleted (the
    mail then points to no further dates). Whether it takes sign-ups is not stored here: a date the
    series leaves out is no occurrence ("Dieser Termin entfällt"), so removing the exception opens it
    again; "Anmeldung geschlossen" (`closed`) stays the organiser's own switch."""
    with transaction.atomic():
        event_date = _locked_date(event_date.pk)
        active = list(event_date.registrations.filter(status__in=Registration.ACTIVE)
                      .select_related("event_date__event"))
        now, told = timezone.now(), 0
        for registration in active:
            holding = registration.status != Status.PENDING  # a pending sign-up was never told it counts
            registration.status, registration.cancelled_at = Status.CANCELLED, now
            registration.save(update_fields=["status", "cancelled_at"])
            if holding:
                mails.send_date_cancelled(registration, base_url, event_gone=event_gone)
                told += 1
        event_date.cancelled += event_date.confirmed + event_date.waiting
        event_date.confirmed = event_date.waiting = 0
        event_date.save(update_fields=["confirmed", "waiting", "cancelled"])
    return told


def event_registrations_cancel(*, event, base_url: str, now: datetime | None = None) -> int:
    """The event is withdrawn or deleted (after the editor confirmed it): every coming date's places and
    waiting positions are cancelled, each person told as for a cancelled date (event_date_cancel).
    Returns how many were told."""
    now = now or timezone.now()
    with transaction.atomic():
        return sum(event_date_cancel(event_date=event_date, base_url=base_url, event_gone=True)
                   for event_date in EventDate.objects.filter(event=event, start__gt=now))


def event_cancelled_dates(*, instance, **kwargs) -> None:
    """After an event is saved (a post_save receiver): every coming date with registrations that the
    series now leaves out (its "Ausnahmen") is cancelled for its participants (event_date_cancel; once:
    only active registrations are told), also one whose sign-up the organiser had closed."""
    if not instance.rrule or not instance.exdates:
        return
    cancelled_days = set(instance.exception_dates)
    for event_date in EventDate.objects.filter(event=instance, start__gt=timezone.now()):
        if local_date(event_date.start) in cancelled_days:
            event_date_cancel(event_date=event_date, base_url=mails.site_base_url())


def event_date_fill(*, event_date: EventDate, base_url: str) -> int:
    """Move people up while places are free (after a cancellation, or when the organiser adds places)."""
    with transaction.atomic():
        return _fill(_locked_date(event_date.pk), base_url=base_url, now=timezone.now())


def _fill(event_date: EventDate, *, base_url: str, now: datetime) -> int:
    """Under the date's lock: the first people waiting get the free places, each is told by mail."""
    if now >= event_date.start:
        return 0
    free = event_date.places_total(_settings(event_date.event)) - event_date.confirmed
    if free <= 0:
        return 0
    moved = list(event_date.registrations.filter(status=Status.WAITING)
                 .select_related("event_date__event").order_by("waiting_since", "pk")[:free])
    for registration in moved:
        registration.status, registration.confirmed_at = Status.CONFIRMED, now
        registration.save(update_fields=["status", "confirmed_at"])
        mails.send_moved_up(registration, base_url)
    if moved:
        event_date.confirmed += len(moved)
        event_date.waiting -= len(moved)
        event_date.save(update_fields=["confirmed", "waiting"])
    return len(moved)


def event_date_message(*, event_date: EventDate, subject: str, text: str, base_url: str) -> int:
    """The organiser's message to everyone confirmed for the date: one mail per participant (no one sees
    another's address), queued for the worker. Returns how many were queued."""
    registrations = list(event_date.registrations.filter(status=Status.CONFIRMED).select_related("event_date__event"))
    for registration in registrations:
        mails.send_message(registration, base_url, subject=subject, text=text)
    return len(registrations)


def registrations_remind(*, now: datetime | None = None) -> int:
    """The reminders of the day (a daily job): each confirmed registration of a date N local days ahead
    (RegistrationSettings.reminder_days), or fewer if the job missed a day, once - `reminded_at` is set
    by a conditional update, so two runs never send it twice. Returns how many were sent."""
    now = now or timezone.now()
    today = local_date(now)
    longest = RegistrationSettings.objects.filter(enabled=True).aggregate(days=Max("reminder_days"))["days"]
    if not longest:
        return 0
    due = (Registration.objects.filter(
        status=Status.CONFIRMED, reminded_at__isnull=True, event_date__start__gt=now,
        event_date__start__lt=now + timedelta(days=longest + 1),
        event_date__event__registration_settings__enabled=True,
        event_date__event__registration_settings__reminder_days__gt=0,
    ).select_related("event_date__event__registration_settings").order_by("pk"))
    sent = 0
    for registration in due:
        days = registration.event_date.event.registration_settings.reminder_days
        if local_date(registration.event_date.start) - timedelta(days=days) > today:
            continue
        with transaction.atomic():
            if Registration.objects.filter(pk=registration.pk, status=Status.CONFIRMED,
                                           reminded_at__isnull=True).update(reminded_at=now):
                mails.send_reminder(registration, mails.site_base_url())
                sent += 1
    return sent


def registrations_purge(*, now: datetime | None = None) -> int:
    """Delete personal data: every registration of a date more than PORTAL_REGISTRATION_RETENTION_DAYS
    past, and sign-ups never confirmed within their link's validity. The counts stay on EventDate."""
    now = now or timezone.now()
    past = now - timedelta(days=settings.PORTAL_REGISTRATION_RETENTION_DAYS)
    expired = now - timedelta(hours=settings.PORTAL_REGISTRATION_CONFIRM_HOURS)
    old, _ = Registration.objects.filter(event_date__start__lt=past).delete()
    unconfirmed, _ = Registration.objects.filter(status=Status.PENDING, created__lt=expired).delete()
    return old + unconfirmed



def event_dates_after_draft(*, original, draft, **kwargs) -> None:
    """
    A draft replaced a published event (familie_portal.drafts.draft_merged, inside its transaction): the
    dates people registered for belong to the original's life and stay. A date still in the series keeps
    its row (moved to the occurrence's new time, so its registrations stay with it); a date the series
    now marks as an exception is cancelled by event_cancelled_dates; a date that is gone is deleted when
    nobody registered for it, and with registrations the merge is refused.
    """
    from events.recurrence import occurrence_on
    from familie_portal.drafts import DraftError

    cancelled_days = set(original.exception_dates) if original.rrule else set()
    for event_date in EventDate.objects.filter(event=original).order_by("start"):
        day = local_date(event_date.start)
        occurrence = occurrence_on(original, day)
        if occurrence is not None:
            if occurrence.start != event_date.start:
                EventDate.objects.filter(pk=event_date.pk).update(start=occurrence.start)
        elif day in cancelled_days:
            continue
        elif event_date.registrations.exists():
            raise DraftError(gettext(
                "Für den Termin am %(day)s gibt es Anmeldungen; der Entwurf enthält diesen Termin nicht mehr. "
                "Bitte tragen Sie ihn als Ausnahme ein (die Angemeldeten werden dann benachrichtigt) oder "
                "behalten Sie ihn bei."
            ) % {"day": day.strftime("%d.%m.%Y")})
        else:
            event_date.delete()
