"""Published events in sitemap.xml, in every language of the portal with hreflang alternates."""

from django.contrib.sitemaps import Sitemap

from events.models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Event.objects.published().order_by("start", "pk")

    def lastmod(self, obj):
        return obj.updated


SITEMAPS = {"veranstaltungen": EventSitemap}
