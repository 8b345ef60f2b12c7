"""Published reports for sitemap.xml, in German and English (wired in the project's urls.py)."""

from django.contrib.sitemaps import Sitemap

from workshops.models import Workshop


class WorkshopSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.6
    i18n = True
    languages = ["de", "en"]
    alternates = True

    def items(self):
        return Workshop.objects.published().order_by("-date", "-pk")

    def lastmod(self, obj):
        return obj.updated_at

    def location(self, obj):
        # Sitemap activates each language in turn; the report answers with that language's slug.
        return obj.get_absolute_url()


SITEMAPS = {"werkstattreihe": WorkshopSitemap}
