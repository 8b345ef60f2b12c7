"""schema.org `Event` as JSON-LD for search engines (familie_portal.jsonld writes the <script> element)."""

from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from events.calendar import local_date
from familie_portal.jsonld import json_ld_script


def event_json_ld(occurrence, *, url: str, image_url: str = "", places=None, register_url: str = "") -> SafeString:
    """`places`: the date's registrations.selectors.Availability when it takes sign-ups on the portal
    (`register_url`, absolute: its form) - then the offer and the remaining places are the portal's."""
    event = occurrence.event
    if occurrence.all_day:
        start, end = local_date(occurrence.start).isoformat(), occurrence.last_day.isoformat()
    else:
        start, end = occurrence.start.isoformat(), occurrence.end.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
        "description": event.lead or strip_tags(event.description)[:500],
        "organizer": {"@type": "Organization", "name": event.organiser.name,
                      **({"url": event.organiser.website} if event.organiser.website else {})},
    }
    if event.venue_name or event.venue_city:
        data["location"] = {
            "@type": "Place",
            "name": event.venue_name or event.venue_city,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.venue_street,
                "postalCode": event.venue_postcode,
                "addressLocality": event.venue_city,
                "addressCountry": "DE",
            },
        }
    if image_url:
        data["image"] = [image_url]
    if places is not None:
        offer = {"@type": "Offer", "url": register_url, "availability": places.schema_availability}
        if places.opens_at:
            offer["validFrom"] = places.opens_at.isoformat()
        if places.closes_at:
            offer["validThrough"] = places.closes_at.isoformat()
        data["offers"] = offer
        data["maximumAttendeeCapacity"] = places.places
        data["remainingAttendeeCapacity"] = places.remaining
        return json_ld_script(data)
    if event.has_registration:
        offer = {
            "@type": "Offer",
            "url": event.registration_url or url,
            "availability": "https://schema.org/SoldOut" if event.booked_out else "https://schema.org/InStock",
        }
        if event.registration_deadline:
            offer["validThrough"] = event.registration_deadline.isoformat()
        data["offers"] = offer
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
    return json_ld_script(data)
