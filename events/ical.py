"""
iCalendar (RFC 5545) output: the subscription feed and the per-event "In Kalender eintragen" file.

A series is one VEVENT with RRULE and EXDATE (calendar apps expand it themselves); times carry
TZID=Europe/Berlin with a VTIMEZONE generated from the time zone database; the UID is the event's
own UUID, so it stays the same when title, date or the portal's host name change.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from events.calendar import local_date, local_tz
from events.recurrence import first_start, occurrence_end, readable_rule

CONTENT_TYPE = "text/calendar; charset=utf-8"
UID_SUFFIX = "@veranstaltungen.familie-portal"


def build_calendar(events, *, name: str, absolute_url, notes: dict | None = None) -> bytes:
    """An iCalendar document for `events`; `absolute_url(event)` gives each event's public address,
    `notes` an extra line of a DESCRIPTION by event id (the portal's sign-up and its places)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_SITE_NAME}//Veranstaltungskalender//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # The calendar's name in the language of the URL (/tr/veranstaltungen/ical/ ...); each event's
    # text in the language it is written in (German where nobody translated it), RFC 5545 LANGUAGE.
    calendar.add("x-wr-calname", name, parameters={"LANGUAGE": get_language()})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    for event in events:
        calendar.add_component(vevent(event, url=absolute_url(event), note=(notes or {}).get(event.pk, "")))
    if events:
        # VTIMEZONE covering every date the calendar can produce (a series without end: ten years on).
        first = min(local_date(e.start) for e in events) - timedelta(days=1)
        ten_years = timezone.localdate() + timedelta(days=3653)
        last = max(local_date(e.series_end) if e.series_end else ten_years for e in events) + timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=max(last, first + timedelta(days=2)))
    return calendar.to_ical()


def vevent(event, *, url: str, note: str = "") -> VEvent:
    component = VEvent()
    component.add("uid", f"{event.uid}{UID_SUFFIX}")
    component.add("dtstamp", event.updated)
    component.add("created", event.created)
    component.add("last-modified", event.updated)
    text_language = {"LANGUAGE": event.content_language}
    component.add("summary", event.title, parameters=text_language)
    component.add("status", "CONFIRMED")
    start = first_start(event)
    end = occurrence_end(event, start)
    if event.all_day:
        component.add("dtstart", start.date())
        component.add("dtend", end.date())
    else:
        component.add("dtstart", start)
        component.add("dtend", end)
    if readable_rule(event):
        component.add("rrule", _rule(event))
        exdates = event.exception_dates
        if exdates:
            component.add("exdate", [d if event.all_day else start.replace(year=d.year, month=d.month, day=d.day)
                                     for d in exdates])
    location = ", ".join(part for part in [event.venue_name, event.venue_street,
                                            f"{event.venue_postcode} {event.venue_city}".strip()] if part)
    if location:
        component.add("location", location)
    description = "\n\n".join(
        part for part in [event.lead, strip_tags(event.description).strip(), note, url] if part)
    # The lead and description say one language for both: the description's, else the lead's.
    component.add("description", description,
                  parameters={"LANGUAGE": event.written_in("description" if event.description_de else "lead")})
    if url:
        component.add("url", url)
    if event.category_id:
        component.add("categories", [event.category.name])
    return component


def _rule(event) -> vRecur:
    rule = vRecur.from_ical(event.rrule)
    if event.all_day and "UNTIL" in rule:
        # With a DATE start, RFC 5545 wants UNTIL as a DATE too.
        rule["UNTIL"] = [timezone.localtime(rule["UNTIL"][0], local_tz()).date()]
    return rule
