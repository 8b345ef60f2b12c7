"""
The sidebar mini calendar of the original page, and the next dates for the home page.

Both offer a template folder per plugin instance (settings.EVENTS_PLUGIN_TEMPLATE_FOLDERS), as
djangocms-blog does: `events/plugins/<folder>/<template>` if a designer made one, else the standard
`events/plugins/<template>`. So a municipality gets its own "Nächste Termine" markup without code.
"""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.calendar import checked_month
from events.models import MiniCalendarPluginModel, UpcomingEventsPluginModel
from familie_portal.plugins import TemplateFolderMixin


@plugin_pool.register_plugin
class MiniCalendarPlugin(TemplateFolderMixin, CMSPluginBase):
    model = MiniCalendarPluginModel
    name = _("Veranstaltungskalender (Monat)")
    module = _("Veranstaltungen")
    render_template = "events/plugins/mini_calendar.html"
    # The month shown follows the page's URL and "today" is marked: django CMS must not keep the
    # output (the template keeps its grid per month and day instead).
    cache = False

    def render(self, context, instance, placeholder):
        request = context.get("request")
        calendar = selectors.CalendarMonth(_shown_month(request), request=request, cards=False)
        context.update({"instance": instance, "calendar": calendar})
        return context


def _shown_month(request):
    """The month a calendar page shows (May 2008 beside /veranstaltungen/2008/5/), else the current one."""
    match = getattr(request, "resolver_match", None)
    if match and match.namespace.endswith("events") and "year" in match.kwargs and "month" in match.kwargs:
        try:  # strings: django CMS drops the path converters of apphook URLs
            return checked_month(int(match.kwargs["year"]), int(match.kwargs["month"]))
        except ValueError:
            pass
    return timezone.localdate().replace(day=1)


@plugin_pool.register_plugin
class UpcomingEventsPlugin(TemplateFolderMixin, CMSPluginBase):
    model = UpcomingEventsPluginModel
    name = _("Nächste Termine")
    module = _("Veranstaltungen")
    render_template = "events/plugins/upcoming_events.html"
    cache = False  # the list changes when a shown date ends, without any save

    def render(self, context, instance, placeholder):
        upcoming = selectors.NextDates(count=instance.count, organiser_id=instance.organiser_id)
        context.update({"instance": instance, "upcoming": upcoming})
        return context
