"""Where a visitor signs up, and what the iCalendar feeds say about it (plain text, not markup)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.calendar import local_date
from events.recurrence import Occurrence, first_start, occurrence_end
from familie_portal import caching
from registrations.selectors import Availability, DatePlaces


def register_url(occurrence) -> str:
    """The sign-up form of one date (a series' date by ?termin=)."""
    url = reverse("registrations:register", args=[occurrence.event.slug])
    if occurrence.event.is_series:
        url += "?" + urlencode({"termin": local_date(occurrence.start).isoformat()})
    return url


def places_text(availability: Availability) -> str:
    """The words of templates/registrations/includes/places.html, for text output."""
    if availability.state == Availability.OPEN:
        return ngettext("noch %(count)d Platz", "noch %(count)d Plätze", availability.remaining) % {
            "count": availability.remaining}
    return {
        Availability.WAITING_LIST: _("Warteliste"),
        Availability.BOOKED_OUT: _("ausgebucht"),
        Availability.NOT_YET: _("Anmeldung ab %(opens)s") % {
            "opens": availability.opens_at and local_date(availability.opens_at).strftime("%d.%m.%Y")},
    }.get(availability.state, _("Anmeldung geschlossen"))


def ical_notes(events, *, request) -> dict[int, str]:
    """A line for the DESCRIPTION of each event that takes sign-ups on the portal, by event id:
    a single date's state and form ("Anmeldung: noch 3 Plätze – https://…"), for a series the form
    (each date has its own places). Two queries for the whole feed (selectors.DatePlaces); a cached
    feed lasts no longer than the states stay true."""
    occurrences = []
    for event in events:
        start = first_start(event)
        occurrences.append(Occurrence(event, start, occurrence_end(event, start)))
    places = DatePlaces(occurrences)
    caching.holds_until(request, places.holds_until)
    notes = {}
    for occurrence in occurrences:
        availability = places.get(occurrence)
        if availability is None:
            continue
        url = request.build_absolute_uri(register_url(occurrence))
        if occurrence.event.is_series:
            notes[occurrence.event.pk] = _("Anmeldung je Termin: %(url)s") % {"url": url}
        else:
            notes[occurrence.event.pk] = _("Anmeldung: %(state)s – %(url)s") % {
                "state": places_text(availability), "url": url}
    return notes
