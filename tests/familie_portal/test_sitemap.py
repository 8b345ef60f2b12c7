"""
The sitemap at the portal's size: /sitemap.xml is an index of sections (CMS pages per language, events, reports,
profiles), each served in pages of SITEMAP_LIMIT addresses (/sitemap-<section>.xml?p=N). Every section page is
valid XML, names only addresses a visitor can open, holds only what is public, and costs the same number of
queries with 10 or 200 pages or events; a bad page number is a 404.
"""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from cms.api import create_page
from cms.models import PageContent, PagePermission
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.models import Version

from events.models import Event
from familie_portal import discovery
from tests.events.factories import EventFactory, bulk_events

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
PAGE_SECTIONS = [f"seiten-{code}" for code, _name in settings.LANGUAGES]
SECTIONS = [*PAGE_SECTIONS, "veranstaltungen", "werkstattreihe", "familienmanager", "familienmanager-kommunen"]


def _xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def _index(client) -> list[str]:
    return [el.text for el in _xml(client, "/sitemap.xml").findall("s:sitemap/s:loc", NS)]


def _locations(client, url: str) -> list[str]:
    return [el.text for el in _xml(client, url).findall("s:url/s:loc", NS)]


def _local(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _everything(client) -> str:
    """Every address of every section page the index names."""
    return "\n".join(loc for section in _index(client) for loc in _locations(client, _local(section)))


def _page(user, slug: str, *, publish=True, language="de", **fields):
    page = create_page(f"Seite {slug}", "pages/content.html", language, slug=slug, created_by=user, **fields)
    content = PageContent.admin_manager.get(page=page, language=language)
    if publish:
        Version.objects.get_for_content(content).publish(user)
    return page


def _queries(client, url: str) -> int:
    """Queries of a request after a first one (which fills the per-process lookups: site, content types)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_the_index_lists_every_section_and_its_pages(client, monkeypatch):
    locations = _index(client)
    assert sorted(_local(loc) for loc in locations) == sorted(f"/sitemap-{section}.xml" for section in SECTIONS)
    # A section longer than the limit is listed page by page.
    everything = _locations(client, "/sitemap-seiten-de.xml")
    monkeypatch.setattr(discovery.PageSitemap, "limit", 3)
    pages = [loc for loc in _index(client) if urlsplit(loc).path == "/sitemap-seiten-de.xml"]
    assert len(pages) == -(-len(everything) // 3) > 2
    assert [_local(page) for page in pages] == [
        "/sitemap-seiten-de.xml", *(f"/sitemap-seiten-de.xml?p={n}" for n in range(2, len(pages) + 1))]
    paged = [loc for page in pages for loc in _locations(client, _local(page))]
    assert paged == everything, "every page once, in the same order"


def test_robots_txt_points_to_the_index(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert _xml(client, "/sitemap.xml").tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_is_valid_xml_with_addresses_a_visitor_opens(client, section):
    locations = _locations(client, f"/sitemap-{section}.xml")
    assert locations, section
    visitor = Client()
    for location in locations[:: max(1, len(locations) // 6)]:  # a sample across the section
        path = urlsplit(location).path
        assert visitor.get(path).status_code == 200, (section, path)
    if section.startswith("seiten-"):
        language = section.removeprefix("seiten-")
        prefix = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
        assert all(urlsplit(loc).path.startswith(prefix) for loc in locations)
        if language == settings.LANGUAGE_CODE:  # German lives at unprefixed addresses
            assert not any(urlsplit(loc).path.startswith(("/de/", "/en/")) for loc in locations)


def test_page_sections_carry_hreflang_alternates_and_lastmod(client):
    root = _xml(client, "/sitemap-seiten-en.xml")
    url = next(u for u in root.findall("s:url", NS) if u.find("s:loc", NS).text.endswith("/en/qualification/"))
    alternates = {link.get("hreflang"): urlsplit(link.get("href")).path for link in url.findall("x:link", NS)}
    assert alternates["de"] == "/qualifizierung/"
    assert alternates["en"] == "/en/qualification/"
    assert alternates["x-default"] == "/qualifizierung/"
    assert set(alternates) == {code for code, _name in settings.LANGUAGES} | {"x-default"}
    assert url.find("s:lastmod", NS).text


def test_a_page_is_listed_only_in_the_languages_it_is_published_in(client, user_by_name):
    _page(user_by_name("iqz"), "nur-deutsch")
    assert any(loc.endswith("/nur-deutsch/") for loc in _locations(client, "/sitemap-seiten-de.xml"))
    for section in PAGE_SECTIONS[1:]:
        assert not any("nur-deutsch" in loc for loc in _locations(client, f"/sitemap-{section}.xml")), section
    root = _xml(client, "/sitemap-seiten-de.xml")
    url = next(u for u in root.findall("s:url", NS) if u.find("s:loc", NS).text.endswith("/nur-deutsch/"))
    alternates = {link.get("hreflang"): urlsplit(link.get("href")).path for link in url.findall("x:link", NS)}
    # The other languages show the German text at the German path (django CMS's fallback), as the page says.
    assert alternates["tr"] == "/tr/nur-deutsch/"
    assert Client().get("/tr/nur-deutsch/").status_code == 200


def test_nothing_unpublished_restricted_or_hidden_appears(client, user_by_name):
    iqz = user_by_name("iqz")
    _page(iqz, "ein-entwurf", publish=False)
    _page(iqz, "nur-angemeldet", login_required=True)
    restricted = _page(iqz, "eingeschraenkt")
    PagePermission.objects.create(page=restricted, user=iqz, can_view=True)
    withdrawn = _page(iqz, "zurueckgezogen")
    Version.objects.get_for_content(PageContent.admin_manager.get(page=withdrawn, language="de")).unpublish(iqz)
    redirected = _page(iqz, "umgeleitet")
    PageContent.admin_manager.filter(page=redirected).update(redirect="/qualifizierung/")
    for slug, window in {"abgelaufen": {"end": timezone.now() - timedelta(days=1)},
                         "noch-nicht": {"start": timezone.now() + timedelta(days=1)}}.items():
        version = Version.objects.get_for_content(PageContent.admin_manager.get(page=_page(iqz, slug), language="de"))
        TimedPublishingInterval.objects.create(version=version, **window)
    EventFactory(slug="entwurf-termin", status=Event.Status.DRAFT)
    EventFactory(slug="zurueckgezogener-termin", withdraw_at=timezone.now() - timedelta(hours=1))
    EventFactory(slug="oeffentlicher-termin")
    _page(iqz, "oeffentliche-seite")

    everything = _everything(client)
    assert "/oeffentliche-seite/" in everything and "/oeffentlicher-termin/" in everything
    for slug in ["ein-entwurf", "nur-angemeldet", "eingeschraenkt", "zurueckgezogen", "umgeleitet", "abgelaufen",
                 "noch-nicht", "entwurf-termin", "zurueckgezogener-termin"]:
        assert f"/{slug}/" not in everything, slug


@pytest.mark.parametrize("url", ["/sitemap-seiten-de.xml?p=0", "/sitemap-seiten-de.xml?p=abc",
                                 "/sitemap-seiten-de.xml?p=99999", "/sitemap-seiten-de.xml?p=-1",
                                 "/sitemap-veranstaltungen.xml?p=0", "/sitemap-veranstaltungen.xml?p=abc",
                                 "/sitemap-veranstaltungen.xml?p=99999", "/sitemap-gibt-es-nicht.xml"])
def test_bad_page_numbers_and_sections_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_page_section_costs_the_same_queries_with_10_and_200_pages(client, user_by_name):
    iqz = user_by_name("iqz")
    parent = _page(iqz, "kommune-0")
    for i in range(1, 10):
        _page(iqz, f"seite-{i}", parent=parent)
    small = _queries(client, "/sitemap-seiten-de.xml"), _queries(client, "/sitemap.xml")
    for i in range(10, 200):
        if i % 10 == 0:
            parent = _page(iqz, f"kommune-{i}")
        else:
            _page(iqz, f"seite-{i}", parent=parent)
    locations = _locations(client, "/sitemap-seiten-de.xml")
    assert sum("/kommune-" in loc for loc in locations) == 200
    assert (_queries(client, "/sitemap-seiten-de.xml"), _queries(client, "/sitemap.xml")) == small


def test_the_events_section_costs_the_same_queries_with_10_and_200_events(client):
    first = timezone.now() + timedelta(days=2)
    bulk_events(10, first=first, prefix="klein")
    small = _queries(client, "/sitemap-veranstaltungen.xml")
    bulk_events(190, first=first + timedelta(days=30), prefix="gross")
    pages = [f"/sitemap-veranstaltungen.xml?p={number}" for number in (1, 2, 3)]
    assert client.get("/sitemap-veranstaltungen.xml?p=4").status_code == 404
    assert sum("/klein-" in loc or "/gross-" in loc for page in pages
               for loc in _locations(client, page)) == 200 * len(settings.LANGUAGES)
    assert [_queries(client, page) for page in pages] == [small] * 3
