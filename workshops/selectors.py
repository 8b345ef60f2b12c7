"""Reads for the public pages of the Werkstattreihe."""

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear

from events import selectors as events_selectors
from managers.models import Municipality, Organisation
from workshops.models import Workshop, WorkshopSeries


def organiser_events_in_year(*, organiser: Organisation, year: int, report: Workshop | None = None) -> list:
    """The organiser's other published events of that year ("Weitere Veranstaltungen des IQZ im Jahr 2008").

    The event the report itself is about is left out: it is not a "further" event.
    """
    occurrences = events_selectors.organiser_events_in_year(organiser=organiser, year=year)
    return [o for o in occurrences if report is None or o.event.report_id != report.pk]


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
