"""
The registration's state in templates:

- `{% registration_box occurrence availability %}` (an inclusion tag): the box on the event page
  (`availability` as the view read it).
- `{% date_places occurrences as places %}`: the state of every date of a list, read at once
  (selectors.DatePlaces, two queries); a cached part or page around it lasts no longer than the states
  shown stay true. A date card then includes `registrations/includes/places.html` with
  `availability=places|places_of:occurrence`.
"""

from django import template

from familie_portal import caching
from registrations.links import register_url
from registrations.selectors import DatePlaces

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
