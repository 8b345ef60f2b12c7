"""The registration's box on the event page: `{% registration_box occurrence %}` (an inclusion tag)."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from events.calendar import local_date
from registrations.selectors import occurrence_availability

register = template.Library()


@register.inclusion_tag("registrations/includes/event_box.html")
def registration_box(occurrence):
    """What the date offers ("noch 3 Plätze", "Warteliste", "ausgebucht") and the link to its form; empty
    without portal registration. Two small reads, only for an event whose registration is switched on."""
    availability = occurrence_availability(occurrence)
    if availability is None:
        return {"availability": None}
    url = reverse("registrations:register", args=[occurrence.event.slug])
    if occurrence.event.is_series:
        url += "?" + urlencode({"termin": local_date(occurrence.start).isoformat()})
    return {"availability": availability, "register_url": url}
