"""The "Neueste Werkstattberichte" plugin in a page."""

import re

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent

from familie_portal.demo import publish
from tests.workshops.factories import WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _card_titles(html):
    return re.findall(r'class="workshop-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_home_page_shows_the_latest_three_reports(client):
    html = client.get("/").content.decode()
    assert "Neueste Werkstattberichte" in html
    expected = list(Workshop.objects.published().order_by("-date").values_list("title_de", flat=True)[:3])
    assert _card_titles(html) == expected
    assert 'href="/werkstattreihe/">Alle Berichte der Werkstattreihe</a>' in html


def test_plugin_in_any_placeholder_with_its_own_count(client, user_by_name):
    admin = user_by_name("admin")
    page = create_page("Plugin-Test", "pages/content.html", "de", slug="plugin-test", created_by=admin)
    content = PageContent.admin_manager.get(page=page, language="de")
    placeholder = content.get_placeholders().get(slot="content")
    plugin = add_plugin(placeholder, "LatestWorkshopsPlugin", "de", count=1)
    assert plugin.count == 1
    publish(content, admin)

    html = client.get("/plugin-test/").content.decode()
    assert _card_titles(html) == [Workshop.objects.published().order_by("-date").first().title_de]


def test_plugin_default_count_and_no_drafts(client, user_by_name):
    WorkshopFactory(title_de="Neuester Entwurf", date="2030-01-01", status=Workshop.Status.DRAFT)
    admin = user_by_name("admin")
    page = create_page("Plugin-Test 2", "pages/content.html", "de", slug="plugin-test-2", created_by=admin)
    content = PageContent.admin_manager.get(page=page, language="de")
    plugin = add_plugin(content.get_placeholders().get(slot="content"), "LatestWorkshopsPlugin", "de")
    assert plugin.count == 3
    publish(content, admin)
    html = client.get("/plugin-test-2/").content.decode()
    assert len(_card_titles(html)) == 3
    assert "Neuester Entwurf" not in html


def test_newly_published_report_shows_at_once(client):
    client.get("/")  # render (and possibly cache) the home page first
    WorkshopFactory(title_de="Frisch veröffentlicht", date="2030-01-01")
    assert "Frisch veröffentlicht" in client.get("/").content.decode()
