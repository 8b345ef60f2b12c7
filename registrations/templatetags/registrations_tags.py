"""
The registration's state in templates:

- `{% registration_box occurrence availability %}` (an inclusion tag): the box on the event page
  (`availability` as the view read it).
- `{% date_places occurrences as places %}`: the state of every date of a list, read at once
  (selectors.DatePlaces, two queries); a cached part or page around it lasts no longer than the states
  shown stay true. A date card then includes `registrations/includes/places.html` with
  `availability=places|places_of:occurrence`.
- `{% result_places results as places %}`: the same for the events among search results (their next date).
"""

from django import template

from familie_portal import caching
from registrations.links import register_url
from registrations.selectors import DatePlaces, next_date_places

register = template.Library()


@register.inclusion_tag("registrations/includes/event_box.html")
def registration_box(occurrence, availability):
    """What the date offers ("noch 3 Plätze", "Warteliste", "ausgebucht") and the link to its form; empty
    without portal registration. `availability`: as the view read it (selectors.DatePlaces)."""
    if availability is None:
        return {"availability": None}
    return {"availability": availability, "register_url": register_url(occurrence)}


@register.simple_tag(takes_context=True)
def date_places(context, occurrences):
    places = DatePlaces(occurrences)
    caching.holds_until(context.get("request"), places.holds_until)
    return places


@register.filter
def places_of(places, occurrence):
    """The availability of `occurrence` in a `date_places` result (None without one, or without sign-up)."""
    return places.get(occurrence) if isinstance(places, DatePlaces) else None


@register.simple_tag(takes_context=True)
def result_places(context, documents):
    """The places of the events among search results (`document.kind == "event"`): their next date's."""
    ids = [int(d.object_id) for d in documents if d.kind == "event" and str(d.object_id).isdigit()]
    places = next_date_places(ids) if ids else DatePlaces([])
    caching.holds_until(context.get("request"), places.holds_until)
    return places


@register.filter
def result_availability(places, document):
    """The availability of a search result's event in a `result_places` result (None: not an event, or no sign-up)."""
    if not isinstance(places, DatePlaces) or document.kind != "event" or not str(document.object_id).isdigit():
        return None
    return places.of_event(int(document.object_id))
