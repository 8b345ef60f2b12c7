"""
The mails of a registration, each from its templates (templates/registrations/mail/<name>_subject.txt and
<name>.txt) in the registration's language, queued for the worker (familie_portal.tasks) when the
transaction commits. Mails go only to the address given in the sign-up.
"""

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

from events.recurrence import occurrence_end
from familie_portal.tasks import send_mail_later
from registrations import tokens

ICS_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"


def site_base_url() -> str:
    """The portal's address for mails sent outside a request (scheduled jobs): PORTAL_SITE_DOMAIN, over
    https wherever http is redirected to it."""
    scheme = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    return f"{scheme}://{settings.PORTAL_SITE_DOMAIN}"


def _links(registration, base_url: str) -> dict:
    with translation.override(registration.language):
        return {
            "confirm_url": base_url + reverse("registrations:confirm", args=[tokens.confirm_token(registration)]),
            "manage_url": base_url + reverse("registrations:manage", args=[tokens.manage_token(registration)]),
            "event_url": base_url + registration.event_date.event.get_absolute_url(),
        }


def _send(name: str, registration, base_url: str, *, attachments=None, **extra) -> None:
    event_date = registration.event_date
    with translation.override(registration.language):
        context = {**extra,
            "registration": registration, "event": event_date.event, "event_date": event_date,
            "end": occurrence_end(event_date.event, event_date.start),
            "confirm_hours": settings.PORTAL_REGISTRATION_CONFIRM_HOURS,
            "site_name": settings.PORTAL_SITE_NAME, **_links(registration, base_url),
        }
        subject = " ".join(render_to_string(f"registrations/mail/{name}_subject.txt", context).split())
        body = render_to_string(f"registrations/mail/{name}.txt", context)
    send_mail_later(subject, body, [registration.email], attachments=attachments)


def send_confirmation_request(registration, base_url: str) -> None:
    _send("confirm", registration, base_url)


def send_already_registered(registration, base_url: str) -> None:
    """A second sign-up with the same address: the links again, to that address only (nothing on the page)."""
    _send("pending_again" if registration.status == registration.Status.PENDING else "already", registration,
          base_url)


def send_confirmed(registration, base_url: str) -> None:
    ics = occurrence_ics(registration, _links(registration, base_url)["event_url"])
    _send("confirmed", registration, base_url, attachments=[("termin.ics", ics, ICS_TYPE)])


def send_waiting(registration, base_url: str) -> None:
    _send("waiting", registration, base_url)


def send_booked_out(registration, base_url: str) -> None:
    _send("booked_out", registration, base_url)


def send_moved_up(registration, base_url: str) -> None:
    ics = occurrence_ics(registration, _links(registration, base_url)["event_url"])
    _send("moved_up", registration, base_url, attachments=[("termin.ics", ics, ICS_TYPE)])


def send_cancelled(registration, base_url: str) -> None:
    _send("cancelled", registration, base_url)


def send_date_cancelled(registration, base_url: str, *, event_gone: bool = False) -> None:
    """The date does not take place; `event_gone`: nor does the event (withdrawn or deleted), so no link to it."""
    _send("date_cancelled", registration, base_url, event_gone=event_gone)


def send_reminder(registration, base_url: str) -> None:
    ics = occurrence_ics(registration, _links(registration, base_url)["event_url"])
    _send("reminder", registration, base_url, attachments=[("termin.ics", ics, ICS_TYPE)])


def send_message(registration, base_url: str, *, subject: str, text: str) -> None:
    """The organiser's own message to a participant (subject and text as written, the date and links around)."""
    _send("message", registration, base_url, organiser_subject=subject, text=text)


def send_organiser_notice(registration, base_url: str, *, cancelled: bool) -> None:
    """To the organiser, if the event asks for it: someone signed up (confirmed or waiting) or cancelled.
    In German (the editors' language); the name and state, the counts and the way to the list."""
    event_date = registration.event_date
    settings_row = event_date.event.registration_settings
    if not settings_row.notify_organiser or not settings_row.organiser_address:
        return
    event_date.refresh_from_db(fields=["confirmed", "waiting"])  # the counts as just written
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration, "event": event_date.event, "event_date": event_date,
            "end": occurrence_end(event_date.event, event_date.start), "cancelled": cancelled,
            "site_name": settings.PORTAL_SITE_NAME,
            "list_url": base_url + reverse("admin:registrations_eventdate_change", args=[event_date.pk]),
        }
        subject = " ".join(render_to_string("registrations/mail/organiser_subject.txt", context).split())
        body = render_to_string("registrations/mail/organiser.txt", context)
    send_mail_later(subject, body, [settings_row.organiser_address])


def occurrence_ics(registration, url: str) -> str:
    """The registered date alone as iCalendar, with a reminder (VALARM) before it."""
    event_date = registration.event_date
    event = event_date.event
    start = event_date.start
    end = occurrence_end(event, start)
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_SITE_NAME}//Anmeldung//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    component = VEvent()
    component.add("uid", f"{registration.uuid}@anmeldung.familie-portal")
    component.add("dtstamp", registration.confirmed_at or registration.created)
    component.add("summary", event.title)
    if event.all_day:
        component.add("dtstart", start.date())
        component.add("dtend", end.date())
    else:
        component.add("dtstart", start)
        component.add("dtend", end)
    location = ", ".join(p for p in [event.venue_name, event.venue_street,
                                     f"{event.venue_postcode} {event.venue_city}".strip()] if p)
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("description", "\n\n".join(p for p in [event.lead, url] if p))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.title)
    alarm.add("trigger", -timedelta(hours=settings.PORTAL_REGISTRATION_ALARM_HOURS))
    component.add_component(alarm)
    calendar.add_component(component)
    if not event.all_day:
        calendar.add_missing_timezones()
    return calendar.to_ical().decode()
