from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from familie_portal.plugins import TemplateFolderMixin
from workshops import selectors
from workshops.models import LatestWorkshops


@plugin_pool.register_plugin
class LatestWorkshopsPlugin(TemplateFolderMixin, CMSPluginBase):
    """ "Neueste Werkstattberichte": the latest N published reports, for any placeholder."""

    model = LatestWorkshops
    name = _("Neueste Werkstattberichte")
    module = _("Werkstattreihe")
    render_template = "workshops/plugins/latest_workshops.html"
    # Not cached: a report published in the admin shows up at once, not after the cache expires.
    cache = False

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["workshops"] = selectors.latest_workshops(count=instance.count)
        try:
            context["list_url"] = reverse("workshops:list")
        except NoReverseMatch:  # the apphook is not on a page (yet)
            context["list_url"] = ""
        return context
