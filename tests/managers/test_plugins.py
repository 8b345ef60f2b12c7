"""The map teaser ("Karte klein") in the site-wide sidebar."""

import pytest
from cms.api import add_plugin
from cms.models import Placeholder

pytestmark = pytest.mark.django_db


def test_sidebar_shows_the_map_teaser_with_the_original_text(client):
    html = client.get("/").content.decode()
    assert "Wo gibt es sie? Familienmanagerinnen und -manager in Nordrhein-Westfalen im Überblick" in html
    assert "Die Karte zeigt Ihnen auf einen Blick" in html
    assert '<a class="more-link" href="/familienmanager/">mehr' in html
    assert 'class="nrw-map nrw-map--small"' in html and 'aria-hidden="true"' in html


def test_teaser_in_english(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/family-managers/"' in html


def test_plugin_fields_all_have_defaults():
    placeholder = Placeholder.objects.create(slot="test")
    plugin = add_plugin(placeholder, "MapTeaserPlugin", "de")
    assert plugin.title == "" and plugin.show_map is True
