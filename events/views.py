"""
Views of the event calendar, hooked onto the CMS page "Veranstaltungen" (see cms_apps.py).

Every view reads through `events.selectors` (published events only, series expanded in a bounded
window) and renders one template; bad input (month 13, "from=gestern", an unknown organiser) is a 404
or a friendly empty page, never an error.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events import ical, links, selectors
from events.calendar import MAX_YEAR, MIN_YEAR, checked_day, checked_month, local_midnight
from events.filters import EventFilterForm
from events.jsonld import event_json_ld
from events.recurrence import Occurrence, expand, first_start, occurrence_end, occurrence_on
from familie_portal import caching
from managers.models import Organisation
from registrations.links import ical_notes, register_url
from registrations.selectors import DatePlaces

PAGE_SIZE = 20
SERIES_DATES_SHOWN = 24


class IntegerKwargsMixin:
    """year/month/day as integers.

    django CMS re-compiles an apphook's URL patterns as regular expressions, which drops path
    converters: `<int:year>` still only matches digits, but arrives as a string.
    """

    def dispatch(self, request, *args, **kwargs):
        for name in ("year", "month", "day"):
            if name in kwargs:
                kwargs[name] = int(kwargs[name])
        self.kwargs = kwargs
        return super().dispatch(request, *args, **kwargs)


class FilteredOccurrencesMixin:
    """Binds the filter form to the query string; an invalid form means: no dates, and say why."""

    def filter_form(self) -> EventFilterForm:
        if not hasattr(self, "_form"):
            self._form = EventFilterForm(self.request.GET)
            self._form.is_valid()
        return self._form


class UpcomingView(FilteredOccurrencesMixin, TemplateView):
    """"alle Termine": what is still to come, soonest first, filtered and paginated."""

    template_name = "events/upcoming.html"
    archive = False

    def occurrences(self, form):
        now = timezone.now()
        events = form.filter_events(selectors.card_events())
        start, end = form.window(start=now, end=selectors.upcoming_end(now), horizon=selectors.UPCOMING_HORIZON)
        return selectors.OccurrenceWindow(events, start, end)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        dates = self.occurrences(form) if form.is_valid() else []
        page = self.request.GET.get("page")
        # Read when the template asks: not at all while its cached part of the dates is valid.
        page_obj = SimpleLazyObject(lambda: Paginator(dates, PAGE_SIZE).get_page(page))
        nav = "archive" if self.archive else "upcoming"
        context.update(
            form=form, dates=dates, page_obj=page_obj, first_page=page in (None, "", "1"), archive=self.archive,
            nav=nav,
        )
        return context


class ArchiveView(UpcomingView):
    """Past dates, most recent first."""

    template_name = "events/occurrence_list.html"
    archive = True

    def occurrences(self, form):
        now = timezone.now()
        events = form.filter_events(selectors.card_events())
        start, end = form.window(start=local_midnight(selectors.ARCHIVE_START), end=now)
        return selectors.OccurrenceWindow(events, start, min(end, now), ends_by=now, newest_first=True)


class OrganiserYearView(IntegerKwargsMixin, TemplateView):
    """"Veranstaltungen des IQZ im Jahr 2008"."""

    template_name = "events/organiser_year.html"

    def get_context_data(self, *, organiser, year, **kwargs):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise Http404
        organiser = get_object_or_404(Organisation, slug=organiser)
        context = super().get_context_data(**kwargs)
        context.update(
            organiser=organiser,
            year=year,
            heading=organiser_year_heading(organiser, year),
            occurrences=selectors.organiser_events_in_year(organiser=organiser, year=year),
            previous_year=year - 1 if year > MIN_YEAR else None,
            next_year=year + 1 if year < MAX_YEAR else None,
        )
        return context


def organiser_year_heading(organiser, year: int) -> str:
    """German needs the article: "des IQZ", "der Stadt Bochum", "von Verein X"."""
    values = {"name": organiser.display_name, "year": year}
    if organiser.kind == Organisation.Kind.MUNICIPALITY:
        return _("Veranstaltungen der %(name)s im Jahr %(year)s") % values
    if organiser.kind == Organisation.Kind.OTHER:
        return _("Veranstaltungen von %(name)s im Jahr %(year)s") % values
    return _("Veranstaltungen des %(name)s im Jahr %(year)s") % values


class MonthView(IntegerKwargsMixin, TemplateView):
    """The month grid: Monday first, one row per ISO week, linked days; below it the month's dates."""

    template_name = "events/month.html"

    def get_context_data(self, *, year, month, **kwargs):
        try:
            first = checked_month(year, month)
        except ValueError as exc:
            raise Http404 from exc
        context = super().get_context_data(**kwargs)
        context.update(calendar_month=selectors.CalendarMonth(first, request=self.request), nav="month")
        return context


def current_month(request):
    """The calendar's entry point: this month's grid."""
    return redirect(links.month_url(timezone.localdate()))


class DayView(IntegerKwargsMixin, TemplateView):
    template_name = "events/day.html"

    def get_context_data(self, *, year, month, day, **kwargs):
        try:
            the_day = checked_day(year, month, day)
        except ValueError as exc:
            raise Http404 from exc
        context = super().get_context_data(**kwargs)
        context.update(
            day=the_day,
            nav="month",
            occurrences=selectors.day_occurrences(the_day),
            previous_day=_in_range(the_day - timedelta(days=1)),
            next_day=_in_range(the_day + timedelta(days=1)),
        )
        return context


def _in_range(day: date) -> date | None:
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


class EventDetailView(TemplateView):
    template_name = "events/detail.html"
    preview = False

    def get_event(self):
        return selectors.published_event(self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        event = self.get_event()
        if event is None:
            raise Http404
        now = timezone.now()
        # A series lists its next dates, or all its dates once it is over.
        series_dates = selectors.next_occurrences(event, now=now, limit=SERIES_DATES_SHOWN) if event.is_series else []
        series_over = event.is_series and not series_dates
        if series_over and event.series_end:
            series_dates = expand([event], first_start(event), event.series_end)[:SERIES_DATES_SHOWN]
        # The date shown and described in JSON-LD: the one linked (?termin=), the next one, or the first.
        occurrence = self._requested_occurrence(event) or (None if series_over else next(iter(series_dates), None))
        if occurrence is None:
            start = first_start(event)
            occurrence = Occurrence(event, start, occurrence_end(event, start))
        url = self.request.build_absolute_uri(occurrence.get_absolute_url())
        image_url = self.request.build_absolute_uri(event.image.url) if event.image else ""
        places = DatePlaces([occurrence])  # the portal's sign-up: the box and the JSON-LD offer
        caching.holds_until(self.request, places.holds_until)
        availability = places.get(occurrence)
        sign_up_url = self.request.build_absolute_uri(register_url(occurrence)) if availability else ""
        year = timezone.localtime(occurrence.start).year
        context = super().get_context_data(**kwargs)
        context.update(
            preview=self.preview,
            event=event,
            occurrence=occurrence,
            series_dates=series_dates,
            series_over=series_over,
            availability=availability,
            json_ld=event_json_ld(occurrence, url=url, image_url=image_url, places=availability,
                                  register_url=sign_up_url),
            organiser_year=year,
            organiser_year_heading=organiser_year_heading(event.organiser, year),
        )
        return context

    def _requested_occurrence(self, event):
        value = self.request.GET.get("termin", "")
        if not event.is_series or not value:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            return None
        return occurrence_on(event, day)


@method_decorator(never_cache, name="dispatch")
class EventPreviewView(EventDetailView):
    """An event as the public would see it, drafts and scheduled ones included, for those who may
    change it (the Kommunale Redaktion: their city's); everyone else gets 404, as for a draft's address."""

    preview = True

    def get_event(self):
        return selectors.previewable_event(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event_is_public"] = selectors.public_events().filter(pk=context["event"].pk).exists()
        # Only editors of this event get here (previewable_event): their way back to its form.
        context["edit_url"] = reverse("admin:events_event_change", args=(context["event"].pk,))
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIcsView(View):
    """"In Kalender eintragen": one event (a series with its rule) as an .ics file."""

    def get(self, request, slug):
        event = selectors.published_event(slug)
        if event is None:
            raise Http404
        content = ical.build_calendar(
            [event], name=event.title, absolute_url=lambda e: request.build_absolute_uri(e.get_absolute_url()),
            notes=ical_notes([event], request=request),
        )
        return _ics_response(content, f"{event.slug}.ics")


class IcalFeedView(FilteredOccurrencesMixin, View):
    """Subscription feed: the same filters as "alle Termine" (an unknown filter gives an empty calendar)."""

    def get(self, request):
        form = self.filter_form()
        events = []
        if form.is_valid():
            now = timezone.now()
            start, end = form.window(
                start=now - selectors.FEED_PAST, end=selectors.upcoming_end(now),
                horizon=selectors.UPCOMING_HORIZON,
            )
            events = list(form.filter_events(selectors.public_events()).overlapping(start, end))
        content = ical.build_calendar(
            events,
            notes=ical_notes(events, request=request),
            name=f"{_('Veranstaltungen')} – {settings.PORTAL_SITE_NAME}",
            absolute_url=lambda e: request.build_absolute_uri(e.get_absolute_url()),
        )
        return _ics_response(content, "veranstaltungen.ics")
