"""The content blocks offered on every CMS page (models: blocks.models, markup: templates/blocks/)."""

from cms.api import add_plugin
from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils.translation import gettext_lazy as _
from djangocms_link.cms_plugins import LinkPlugin

from blocks import models
from blocks.images import responsive_image

MODULE = _("Inhaltsblöcke")

# One way to place a link: the portal's LinkBlock (djangocms-link's own plugin takes free HTML
# attributes, style="" included, which the visitor CSP forbids).
plugin_pool.unregister_plugin(LinkPlugin)


class BlockPlugin(CMSPluginBase):
    module = MODULE
    cache = True

    def get_render_template(self, context, instance, placeholder):
        return f"blocks/{self.model._meta.model_name}.html"


@plugin_pool.register_plugin
class ImageBlockPlugin(BlockPlugin):
    model = models.ImageBlock
    name = _("Bild")
    fields = ["image", "alt", "decorative", "caption", "credit", "wide"]

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["picture"] = responsive_image(instance.image)
        return context


@plugin_pool.register_plugin
class DownloadBlockPlugin(BlockPlugin):
    model = models.DownloadBlock
    name = _("Download")
    text_enabled = False


@plugin_pool.register_plugin
class LinkBlockPlugin(BlockPlugin):
    model = models.LinkBlock
    name = _("Link oder Schaltfläche")
    fields = ["text", "link", "style"]


@plugin_pool.register_plugin
class TeaserGridPlugin(BlockPlugin):
    model = models.TeaserGrid
    name = _("Teaser-Raster")
    allow_children = True
    child_classes = ["TeaserCardPlugin"]


@plugin_pool.register_plugin
class TeaserCardPlugin(BlockPlugin):
    model = models.TeaserCard
    name = _("Teaser-Karte")
    require_parent = True
    parent_classes = ["TeaserGridPlugin"]
    fields = ["title", "text", "link", "image", "alt", "decorative"]

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["picture"] = responsive_image(instance.image, widths=(480, 800))
        return context


@plugin_pool.register_plugin
class ContactBlockPlugin(BlockPlugin):
    model = models.ContactBlock
    name = _("Kontakt")


@plugin_pool.register_plugin
class AccordionPlugin(BlockPlugin):
    model = models.Accordion
    name = _("Aufklappbereiche (FAQ)")
    allow_children = True
    child_classes = ["AccordionItemPlugin"]


@plugin_pool.register_plugin
class AccordionItemPlugin(BlockPlugin):
    model = models.AccordionItem
    name = _("Aufklappbereich")
    allow_children = True
    require_parent = True
    parent_classes = ["AccordionPlugin"]
    child_classes = ["TextPlugin", "LinkBlockPlugin", "DownloadBlockPlugin", "ImageBlockPlugin"]


@plugin_pool.register_plugin
class TwoColumnsPlugin(BlockPlugin):
    model = models.TwoColumns
    name = _("Zwei Spalten")
    allow_children = True
    child_classes = ["ColumnPlugin"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new layout comes with its two columns
            for _column in range(2):
                add_plugin(obj.placeholder, ColumnPlugin, obj.language, target=obj)


@plugin_pool.register_plugin
class ColumnPlugin(BlockPlugin):
    model = models.Column
    name = _("Spalte")
    allow_children = True
    require_parent = True
    parent_classes = ["TwoColumnsPlugin"]

    def get_render_template(self, context, instance, placeholder):
        return "blocks/column.html"


@plugin_pool.register_plugin
class MediaBlockPlugin(BlockPlugin):
    model = models.MediaBlock
    name = _("Video oder Audio")
    fields = ["title", "source", "captions", "captions_language", "poster", "transcript"]
