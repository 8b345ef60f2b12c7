"""
Discovery: sitemap, robots.txt and the "Feeds und Kalender" overview.

Apps contribute through optional modules: `<app>/sitemaps.py` with `SITEMAPS = {"name": SitemapClass}`
and `<app>/feeds.py` with `DISCOVERY = [FeedLink(...), ...]`.
"""

from dataclasses import dataclass

from cms.models import PageContent, PagePermission
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.models import Site
from django.utils.translation import get_language

from familie_portal.app_modules import app_modules


@dataclass(frozen=True)
class FeedLink:
    title: str
    description: str
    url_name: str
    format: str  # "RSS", "Atom", "iCal", "GeoJSON"
    kwargs: tuple = ()


def _collect(module_name: str, attribute: str, default):
    for module in app_modules(module_name):
        yield getattr(module, attribute, default)


class PageSitemap(Sitemap):
    """Published, anonymously visible CMS pages, in every language with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        restricted = PagePermission.objects.filter(can_view=True).values("page_id")
        contents = (
            PageContent.objects.filter(
                language="de", page__site=Site.objects.get_current(), page__login_required=False
            )
            .exclude(page_id__in=restricted)
            .exclude(redirect__gt="")
            .select_related("page")
            .order_by("page__path")
        )
        return [content.page for content in contents]

    def location(self, page):
        return page.get_absolute_url(get_language())

    def lastmod(self, page):
        return page.changed_date


def sitemaps() -> dict:
    found = {"seiten": PageSitemap}
    for entries in _collect("sitemaps", "SITEMAPS", {}):
        found.update(entries)
    return found


def feed_links() -> list[FeedLink]:
    links: list[FeedLink] = []
    for entries in _collect("feeds", "DISCOVERY", []):
        links.extend(entries)
    return links
