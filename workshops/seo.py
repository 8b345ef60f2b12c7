"""Machine-readable descriptions of a report: schema.org JSON-LD and the meta description."""

from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from familie_portal.jsonld import json_ld_script
from workshops.models import Workshop


def meta_description(workshop: Workshop, length: int = 160) -> str:
    return Truncator(" ".join(strip_tags(workshop.teaser).split())).chars(length)


def workshop_json_ld(*, workshop: Workshop, request, contributions=None) -> SafeString:
    """An `Article` about the workshop (an `Event`) as a <script type="application/ld+json"> element.

    `contributions`: the report's talks if already read (else they are read here).
    """
    url = request.build_absolute_uri(workshop.get_absolute_url())
    organiser = workshop.organiser
    organisation = {"@type": "Organization", "name": organiser.name}
    if organiser.website:
        organisation["url"] = organiser.website
    event = {
        "@type": "Event",
        "name": workshop.title,
        "startDate": workshop.schema_date,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organisation,
    }
    if workshop.end_date and workshop.show_day:
        event["endDate"] = workshop.end_date.isoformat()
    if workshop.city:
        event["location"] = {
            "@type": "Place",
            "name": workshop.city.name,
            "address": {"@type": "PostalAddress", "addressLocality": workshop.city.name, "addressCountry": "DE"},
        }
    performers = [
        {"@type": "Person", "name": contribution.full_name, **(
            {"affiliation": {"@type": "Organization", "name": contribution.affiliation}}
            if contribution.affiliation else {}
        )}
        for contribution in (workshop.contributions.all() if contributions is None else contributions)
    ]
    if performers:
        event["performer"] = performers
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": workshop.title,
        "description": meta_description(workshop, 300),
        "inLanguage": workshop.content_language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": (workshop.published_at or workshop.created_at).isoformat(),
        "dateModified": workshop.updated_at.isoformat(),
        "author": organisation,
        "publisher": organisation,
        "isPartOf": {"@type": "CreativeWorkSeries", "name": workshop.series.name},
        "about": event,
    }
    if workshop.image_id:
        data["image"] = request.build_absolute_uri(workshop.image.url)
    return json_ld_script(data)
