"""RSS and Atom feeds: valid XML, published reports only."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse

from tests.workshops.factories import WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BOCHUM_TITLE = "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus"


def _parse(content: bytes):
    return ET.fromstring(content)  # noqa: S314 - the portal's own response, not untrusted input


@pytest.fixture
def draft():
    return WorkshopFactory(title_de="Entwurf im Feed?", status=Workshop.Status.DRAFT)


def test_rss_feed_is_valid_and_lists_published_reports_only(client, draft):
    response = client.get(reverse("workshops:feed-rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = _parse(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Werkstattreihe – Berichte"
    items = channel.findall("item")
    titles = [item.findtext("title") for item in items]
    assert len(items) == Workshop.objects.published().count()
    assert BOCHUM_TITLE in titles
    assert "Entwurf im Feed?" not in titles
    bochum = items[titles.index(BOCHUM_TITLE)]
    assert bochum.findtext("link").endswith("/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/")
    assert bochum.findtext("description").startswith("Übergreifende Verwaltungsstrukturen")
    assert bochum.findtext("pubDate")


def test_atom_feed_is_valid_and_lists_published_reports_only(client, draft):
    response = client.get(reverse("workshops:feed-atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _parse(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert BOCHUM_TITLE in titles
    assert "Entwurf im Feed?" not in titles
    # Feeds build absolute links from the Site's domain (django.contrib.sites), as syndication does.
    base = f"http://{Site.objects.get_current().domain}/werkstattreihe/"
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith(base)


def test_english_feed_has_english_titles_and_links(client):
    root = _parse(client.get("/en/workshop-series/feed/rss/").content)
    links = [item.findtext("link") for item in root.iter("item")]
    assert "Family-friendliness – the municipal administration in focus" in [
        item.findtext("title") for item in root.iter("item")
    ]
    assert all("/en/workshop-series/" in link for link in links)


def test_list_page_announces_the_feeds(client):
    html = client.get(reverse("workshops:list")).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
