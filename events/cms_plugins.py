"""The sidebar mini calendar of the original page, and the next dates for the home page."""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.calendar import checked_month, month_grid
from events.fragments import UpcomingDates
from events.models import MiniCalendarPluginModel, UpcomingEventsPluginModel


@plugin_pool.register_plugin
class MiniCalendarPlugin(CMSPluginBase):
    model = MiniCalendarPluginModel
    name = _("Veranstaltungskalender (Monat)")
    module = _("Veranstaltungen")
    render_template = "events/plugins/mini_calendar.html"
    cache = False  # "today" and new events must show without waiting for a cache

    @staticmethod
    def fragment_cache_vary(request) -> str:
        """What a cached sidebar must vary on beside language and generation (familie_portal.fragments)."""
        year, month = _shown_month(request)
        return f"mini-calendar:{year}-{month}:{timezone.localdate().isoformat()}"

    def render(self, context, instance, placeholder):
        request = context.get("request")
        year, month = _shown_month(request)
        occurrences = selectors.month_occurrences(year, month, request=request, cards=False)
        context.update({"instance": instance, "grid": month_grid(year, month, occurrences=occurrences)})
        return context


def _shown_month(request) -> tuple[int, int]:
    """The month a calendar page shows (May 2008 beside /veranstaltungen/2008/5/), else the current one."""
    match = getattr(request, "resolver_match", None)
    if match and match.namespace.endswith("events") and "year" in match.kwargs and "month" in match.kwargs:
        try:  # strings: django CMS drops the path converters of apphook URLs
            first = checked_month(int(match.kwargs["year"]), int(match.kwargs["month"]))
            return first.year, first.month
        except ValueError:
            pass
    today = timezone.localdate()
    return today.year, today.month


@plugin_pool.register_plugin
class UpcomingEventsPlugin(CMSPluginBase):
    model = UpcomingEventsPluginModel
    name = _("Nächste Termine")
    module = _("Veranstaltungen")
    render_template = "events/plugins/upcoming_events.html"
    cache = False

    def render(self, context, instance, placeholder):
        # The dates are read only if the cached list is not valid any more (events.fragments).
        context.update({"instance": instance, "upcoming": UpcomingDates(instance, request=context.get("request"))})
        return context
