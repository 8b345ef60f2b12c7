from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from familie_portal.plugins import TemplateFolderMixin
from managers.models import MapTeaser


@plugin_pool.register_plugin
class MapTeaserPlugin(TemplateFolderMixin, CMSPluginBase):
    """ "Karte klein": the small map of the sidebar with a link to the directory."""

    model = MapTeaser
    name = _("Karte klein Familienmanager")
    module = _("Familienmanager")
    render_template = "managers/plugins/map_teaser.html"

    def render(self, context, instance, placeholder):
        from managers.views import small_map_context

        context = super().render(context, instance, placeholder)
        try:
            context["directory_url"] = reverse("managers:list")
            context["map_url"] = reverse("managers:map")
            # A callable: the template's cached part calls it only when the part renders.
            context["show_small_map"] = instance.show_map
            context["small_map"] = small_map_context
        except NoReverseMatch:  # the apphook is not attached to a page yet
            context["directory_url"] = context["map_url"] = ""
        return context
