"""Sitemaps of the public directory: published, consented profiles and their municipalities only."""

from django.contrib.sitemaps import Sitemap

from managers.models import FamilyManager, Municipality


class FamilyManagerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return FamilyManager.objects.public().order_by("slug")

    def lastmod(self, obj):
        return obj.updated


class ManagerMunicipalitySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Municipality.objects.filter(family_managers__in=FamilyManager.objects.public()).distinct().order_by(
            "slug"
        )


class _Bilingual:
    """Every directory page exists in German and English (/en/…), with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class FamilyManagerBilingualSitemap(_Bilingual, FamilyManagerSitemap):
    pass


class ManagerMunicipalityBilingualSitemap(_Bilingual, ManagerMunicipalitySitemap):
    pass


SITEMAPS = {
    "familienmanager": FamilyManagerBilingualSitemap,
    "familienmanager-kommunen": ManagerMunicipalityBilingualSitemap,
}
