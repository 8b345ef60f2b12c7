"""Reads for the public pages of the Werkstattreihe."""

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear

from managers.models import Municipality, Organisation
from workshops.models import Workshop, WorkshopSeries

# The events app is built alongside this one. This is the one place that knows whether it
# offers the organiser's events of a year; until it does, the detail page hides that block.
try:
    from events.selectors import organiser_events_in_year as _organiser_events_in_year
except ImportError:
    _organiser_events_in_year = None


def organiser_events_available() -> bool:
    return _organiser_events_in_year is not None


def organiser_events_in_year(*, organiser: Organisation, year: int) -> list:
    """The organiser's published events of that year; empty while the events app lacks them."""
    if _organiser_events_in_year is None:
        return []
    return list(_organiser_events_in_year(organiser=organiser, year=year))


def workshop_list(*, year: int | None = None, city: str = "", series: str = "") -> QuerySet[Workshop]:
    """Published reports, newest first, optionally of one year, city (slug) or series (slug)."""
    workshops = Workshop.objects.published().for_list()
    if year:
        workshops = workshops.filter(date__year=year)
    if city:
        workshops = workshops.filter(city__slug=city)
    if series:
        workshops = workshops.filter(series__slug=series)
    return workshops.order_by("-date", "-pk")


def workshop_years() -> list[int]:
    """Years with published reports, newest first (for the filter)."""
    return list(
        Workshop.objects.published()
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def workshop_cities() -> QuerySet[Municipality]:
    """Municipalities with published reports (for the filter)."""
    return Municipality.objects.filter(workshops__status=Workshop.Status.PUBLISHED).distinct().order_by("name")


def workshop_series() -> QuerySet[WorkshopSeries]:
    return WorkshopSeries.objects.filter(workshops__status=Workshop.Status.PUBLISHED).distinct()


def latest_workshops(*, count: int) -> list[Workshop]:
    return list(Workshop.objects.published().for_list().order_by("-date", "-pk")[:count])
