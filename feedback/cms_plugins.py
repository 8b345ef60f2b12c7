"""On the accessibility statement page: its dates of preparation and of the last review, from the admin."""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils.translation import gettext_lazy as _

from feedback import selectors


@plugin_pool.register_plugin
class AccessibilityStatementDatesPlugin(CMSPluginBase):
    name = _("Stand der Erklärung zur Barrierefreiheit")
    module = _("Kontakt und Rückmeldungen")
    render_template = "feedback/plugins/statement_dates.html"
    # The dates change in the admin, not in the page: django CMS must not keep the output (the page's
    # cached parts follow the content generation, which a save of the dates advances).
    cache = False

    def render(self, context, instance, placeholder):
        context.update({"instance": instance, "statement": selectors.accessibility_statement()})
        return context
