"""
Discovery: sitemap index and its sections, robots.txt and the "Feeds und Kalender" overview.

Apps contribute through optional modules: `<app>/sitemaps.py` with `SITEMAPS = {"name": SitemapClass}`
and `<app>/feeds.py` with `DISCOVERY = [FeedLink(...), ...]`.
"""

from dataclasses import dataclass

from cms.models import PageContent, PagePermission, PageUrl
from cms.utils.i18n import force_language, get_fallback_languages
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.models import Site
from django.db.models import Exists, F, Max, OuterRef, Subquery
from django.urls import reverse

from familie_portal import cms_menus
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


# Every section is served in pages of this many addresses (Django's Sitemap.limit; the protocol allows 50,000).
# A page with its hreflang alternates is about 0.7 KB of XML per address: 500 keep a section page near 350 KB,
# one query's worth of rows and one cache entry of sane size, built in about half a second on a loaded 2-core
# machine (1,000 took 0.94-1.07 s through the whole middleware stack there: too close to the one-second target).
SITEMAP_LIMIT = 500


class PageSitemap(Sitemap):
    """The CMS pages with published content in one language, at their address in that language (django CMS's
    PageUrl, built as django CMS builds it, without a query per page), with hreflang alternates in every
    language of the portal (a language without its own text: the page at the fallback language's path there,
    as django CMS serves it) and x-default German. Not listed: pages for logged-in visitors only or with view
    restrictions, redirects, unpublished pages or ones whose timed window is closed now, unreachable ones."""

    language = settings.LANGUAGE_CODE
    limit = SITEMAP_LIMIT
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        site = Site.objects.get_current()
        restricted = PagePermission.objects.filter(can_view=True).values("page_id")
        published = PageContent.objects.filter(language=self.language, page__site=site).exclude(redirect__gt="")
        return (
            PageUrl.objects.filter(language=self.language, site=site, path__isnull=False,
                                   page__login_required=False, page__in=published.values("page"))
            .exclude(page_id__in=restricted)
            .exclude(page_id__in=cms_menus.hidden_page_ids(self.language))
            .annotate(
                page_changed=F("page__changed_date"),
                content_changed=Subquery(published.filter(page=OuterRef("page")).values("changed_date")[:1]),
            )
            .only("path", "language", "page_id")
            .order_by("page__path")
        )

    def location(self, url):
        return self.address(url, self.language)

    def address(self, url: PageUrl, language: str) -> str:
        """What url.get_absolute_url(language) answers (django CMS: its page view's URL in that language, the
        i18n prefix included), with the two reverse() calls done once per language instead of once per page."""
        if not hasattr(self, "_address_parts"):
            self._address_parts = {}
        if language not in self._address_parts:
            marker = "0path0"
            with force_language(language):
                root = reverse("pages-root")
                before, _marker, after = reverse("pages-details-by-slug", kwargs={"slug": marker}).partition(marker)
            self._address_parts[language] = root, before, after
        root, before, after = self._address_parts[language]
        return f"{before}{url.path}{after}" if url.path else root

    def lastmod(self, url):
        return max((date for date in (url.page_changed, url.content_changed) if date is not None), default=None)

    def get_latest_lastmod(self):
        latest = self.items().aggregate(page=Max("page__changed_date"), content=Max("content_changed"))
        return max((date for date in latest.values() if date is not None), default=None)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if not urls:
            return urls
        protocol = self.get_protocol(protocol)
        domain = self.get_domain(site)
        # One query for the page's addresses in every language with published content there.
        page_ids = [url["item"].page_id for url in urls]
        published = PageContent.objects.filter(page=OuterRef("page"), language=OuterRef("language"))
        addresses: dict[int, dict[str, PageUrl]] = {}
        for other in PageUrl.objects.filter(page_id__in=page_ids, path__isnull=False).filter(Exists(published)):
            addresses.setdefault(other.page_id, {})[other.language] = other
        site_id = settings.SITE_ID
        for url in urls:
            own = addresses.get(url["item"].page_id, {})
            alternates = []
            for code, _name in settings.LANGUAGES:
                found = next((own[lang] for lang in [code, *get_fallback_languages(code, site_id=site_id)]
                              if lang in own), None)
                if found is not None:
                    alternates.append({"lang_code": code,
                                       "location": f"{protocol}://{domain}{self.address(found, code)}"})
            default = next((a["location"] for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
            if default:
                alternates.append({"lang_code": "x-default", "location": default})
            url["alternates"] = alternates
        return urls


def page_sitemaps() -> dict:
    """One section per language of the portal: seiten-de, seiten-en, …"""
    return {f"seiten-{code}": type(f"PageSitemap_{code}", (PageSitemap,), {"language": code})
            for code, _name in settings.LANGUAGES}


def sitemaps() -> dict:
    found = page_sitemaps()
    for entries in _collect("sitemaps", "SITEMAPS", {}):
        for section, sitemap in entries.items():
            found[section] = type(sitemap.__name__, (sitemap,), {"limit": SITEMAP_LIMIT})
    return found


def feed_links() -> list[FeedLink]:
    links: list[FeedLink] = []
    for entries in _collect("feeds", "DISCOVERY", []):
        links.extend(entries)
    return links
