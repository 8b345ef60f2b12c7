"""Reads for the public pages of the Werkstattreihe."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property

from events import selectors as events_selectors
from events.calendar import local_midnight
from familie_portal.translation import columns, current_language
from managers.models import Municipality, Organisation
from workshops.models import Workshop, WorkshopSeries

# How many of the organiser's other dates a report lists; the rest are one link away (the
# organiser's year page in the calendar). An organiser with hundreds of dates a year made the
# report page 100 KB of links and cost a query over all of them.
ORGANISER_EVENTS_SHOWN = 20
OCCURRENCE_FIELDS = (*columns("title"), "slug", "start", "end", "all_day", "rrule", "exdates", "series_end")


@dataclass
class OrganiserEvents:
    """The first dates of "Weitere Veranstaltungen des IQZ im Jahr 2008", and whether there are more."""

    occurrences: list
    has_more: bool

    def __bool__(self) -> bool:
        return bool(self.occurrences)


def organiser_events_in_year(
    *, organiser: Organisation, year: int, report: Workshop | None = None, limit: int = ORGANISER_EVENTS_SHOWN
) -> OrganiserEvents:
    """The organiser's other published dates starting in that year, by start (as
    events.selectors.organiser_events_in_year orders them), the first `limit` of them.

    The event the report itself is about is left out: it is not a "further" event. Read a slice at
    a time (events.selectors.OccurrenceWindow): two queries however many dates the year holds.
    """
    start = local_midnight(date(year, 1, 1))
    end = local_midnight(date(year + 1, 1, 1))
    # Only what the dates and their links need (recurrence.expand, Occurrence.get_absolute_url).
    events = (
        events_selectors.public_events()
        .filter(organiser=organiser)
        .select_related(None)
        .only(*OCCURRENCE_FIELDS)
    )
    if report is not None:
        events = events.exclude(report=report)
    # Dates beginning in the year before do not count (a single date's occurrence starts at its
    # start, or at midnight of its day if all-day: the same cut); series are cut below.
    events = events.filter(Q(start__gte=start) | ~Q(rrule=""))
    window = events_selectors.OccurrenceWindow(events, start, end)
    # A series date running over New Year touches the window but starts the year before: such
    # dates sort first; read further by as many as were dropped.
    wanted = limit + 1
    while True:
        head = window[:wanted]
        occurrences = [o for o in head if o.start >= start]
        if len(head) < wanted or len(occurrences) > limit:
            break
        wanted = limit + 1 + len(head) - len(occurrences)
    return OrganiserEvents(occurrences=occurrences[:limit], has_more=len(occurrences) > limit)


class ReportParts:
    """What a report shows beyond its own row and joins, each read on first use: talks, quotes,
    ranked list, downloads. The detail page renders them inside the cached report part: on a hit
    none is read."""

    def __init__(self, workshop: Workshop):
        self.workshop = workshop

    @cached_property
    def contributions(self) -> list:
        return list(self.workshop.contributions.all())

    @cached_property
    def quotes(self) -> list:
        return list(self.workshop.quotes.select_related("photo"))

    @cached_property
    def ranked_items(self) -> list:
        return list(self.workshop.ranked_items.all())

    @cached_property
    def downloads(self) -> list:
        return list(self.workshop.downloads.select_related("file"))


def workshop_list(*, year: int | None = None, city: str = "", series: str = "") -> QuerySet[Workshop]:
    """Published reports, newest first, optionally of one year, city (slug) or series (slug)."""
    workshops = Workshop.objects.published().for_cards()
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
    return Municipality.objects.filter(workshops__in=Workshop.objects.published()).distinct().order_by("name")


def workshop_series() -> QuerySet[WorkshopSeries]:
    return WorkshopSeries.objects.filter(workshops__in=Workshop.objects.published()).distinct()


@dataclass(frozen=True)
class FilterChoices:
    """What the report filter offers: (value, label) pairs of years, places and series with published reports."""

    years: list
    cities: list
    series: list


def filter_choices() -> FilterChoices:
    """The report filter's choices, labels in the active language (three queries, no model instances)."""
    series_name = f"name_{current_language()}"
    return FilterChoices(
        years=[(str(year), str(year)) for year in workshop_years()],
        cities=list(workshop_cities().values_list("slug", "name")),
        series=[
            (item["slug"], item[series_name] or item["name_de"])
            for item in workshop_series().values("slug", *dict.fromkeys(("name_de", series_name)))
        ],
    )


def latest_workshops(*, count: int) -> list[Workshop]:
    return list(Workshop.objects.published().for_cards().order_by("-date", "-pk")[:count])
