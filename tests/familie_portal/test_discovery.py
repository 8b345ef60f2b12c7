"""Sitemap with hreflang alternates, robots.txt, canonical and Open Graph tags, the feeds page."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_pages_in_both_languages_with_alternates(client):
    assert client.get("/sitemap.xml").status_code == 200  # the index of the sections
    response = client.get("/sitemap-seiten-de.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    locations = [el.text for el in root.findall("s:url/s:loc", NS)]
    assert any(loc.endswith("/werkstattreihe/") for loc in locations)
    english = ET.fromstring(client.get("/sitemap-seiten-en.xml").content)  # noqa: S314 (our own output)
    assert any(el.text.endswith("/en/workshop-series/") for el in english.findall("s:url/s:loc", NS))
    url = next(u for u in root.findall("s:url", NS) if u.find("s:loc", NS).text.endswith("/qualifizierung/"))
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    assert alternates["de"].endswith("/qualifizierung/")
    assert alternates["en"].endswith("/en/qualification/")
    assert "x-default" in alternates


def test_sitemap_has_no_drafts(client, user_by_name):
    from cms.api import create_page

    iqz = user_by_name("iqz")
    create_page("Unveröffentlicht", "pages/content.html", "de", slug="unveroeffentlicht", created_by=iqz)
    for code in ("de", "en"):
        assert b"unveroeffentlicht" not in client.get(f"/sitemap-seiten-{code}.xml").content


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_pages_have_canonical_alternates_and_open_graph(client):
    html = client.get("/qualifizierung/").content.decode()
    assert '<link rel="canonical" href="http://testserver/qualifizierung/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/qualification/">' in html
    assert '<meta property="og:title" content="Qualifizierung">' in html
    assert '<meta name="description" content="Das IQZ qualifiziert' in html


def test_feeds_page_is_linked_from_footer(client):
    html = client.get("/").content.decode()
    assert 'href="/feeds/">Feeds und Kalender</a>' in html
    response = client.get("/feeds/")
    assert response.status_code == 200
    assert "Feeds und Kalender" in response.content.decode()
