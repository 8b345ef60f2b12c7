"""Published reports for sitemap.xml, in every language of the portal with hreflang alternates (the
languages without their own text show the German one there; wired in the project's urls.py)."""

from django.contrib.sitemaps import Sitemap

from workshops.models import Workshop


class WorkshopSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Workshop.objects.published().order_by("-date", "-pk")

    def lastmod(self, obj):
        return obj.updated_at

    def location(self, obj):
        # Sitemap activates each language in turn; the report answers with that language's slug.
        return obj.get_absolute_url()


SITEMAPS = {"werkstattreihe": WorkshopSitemap}
