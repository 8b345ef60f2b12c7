"""The Familienmanager pages' markup is in templates a site can override: the profile card and the
map (a template of the same path earlier in TEMPLATES["DIRS"]) and the map teaser's layout (a
template folder chosen per plugin instance)."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.core.cache import cache
from django.urls import reverse

from familie_portal.demo import publish
from managers.models import FamilyManager, MapTeaser
from tests.template_overrides import templates_first

pytestmark = pytest.mark.django_db


@pytest.fixture
def override_templates(tmp_path):
    return lambda templates: templates_first(tmp_path, templates)


def test_an_overriding_profile_card_changes_directory_and_municipality_page(client, uncached, override_templates):
    card = ('<li data-marker="override">{{ card.name }} – '
            '{% for url, name in card.municipalities %}{{ name }}{% endfor %}</li>')
    with override_templates({"managers/includes/profile_card.html": card}):
        directory = client.get(reverse("managers:list")).content.decode()
        municipality = client.get(reverse("managers:municipality", kwargs={"slug": "bochum"})).content.decode()
    berta = FamilyManager.objects.get(slug="berta-beispiel")
    assert f'<li data-marker="override">{berta.name} – Bochum</li>' in directory
    assert f'<li data-marker="override">{berta.name} – Bochum</li>' in municipality
    assert "manager-card" not in directory


def test_an_overriding_map_changes_the_map_page_and_the_teaser(client, uncached, override_templates):
    svg = ('<svg data-marker="override">{% for marker in markers %}{% if interactive %}'
           '<a href="{{ marker.place.url }}">{{ marker.label }}</a>{% else %}.{% endif %}{% endfor %}</svg>')
    with override_templates({"managers/includes/map_svg.html": svg}):
        page = client.get(reverse("managers:map")).content.decode()
        home = client.get("/").content.decode()
    assert '<svg data-marker="override">' in page
    assert '<a href="/familienmanager/kommune/bochum/">Bochum: 3 Familienmanager</a>' in page
    assert "nrw-map__marker" not in page
    assert '<svg data-marker="override">.' in home, "the teaser's small map is the same template"


def test_the_standard_map_marks_places_and_kreise_accessibly(client, uncached):
    html = client.get(reverse("managers:map")).content.decode()
    assert ('<a class="nrw-map__marker" href="/familienmanager/kommune/bochum/" '
            'aria-label="Bochum: 3 Familienmanager"><title>Bochum: 3 Familienmanager</title><circle ') in html
    assert 'class="nrw-map__marker nrw-map__marker--kreis" href="/familienmanager/?kreis=' in html
    assert '(kreisweit): 1 Familienmanager"><title>' in html and "<rect " in html
    assert '<svg class="nrw-map" viewBox="0 0 600 ' in html and 'role="group" aria-labelledby="nrw-map-title"' in html
    # Coordinates in SVG's number format, whatever the page's language.
    assert 'cx="229.3" cy="278.8" r="9.5"' in html


@pytest.fixture
def teaser_page(user_by_name):
    admin = user_by_name("admin")
    page = create_page("Teaser-Test", "pages/content.html", "de", slug="teaser-test", created_by=admin)
    content = PageContent.admin_manager.get(page=page, language="de")
    plugin = add_plugin(content.get_placeholders().get(slot="content"), "MapTeaserPlugin", "de", title="Unsere Karte")
    publish(content, admin)
    return plugin


def test_map_teaser_uses_the_template_folder_chosen_for_it(
    client, uncached, settings, override_templates, teaser_page
):
    settings.MANAGERS_PLUGIN_TEMPLATE_FOLDERS = [("default", "Standard"), ("schlicht", "Schlicht")]
    plain = '<p data-marker="schlicht"><a href="{{ map_url }}">{{ instance.title }}</a></p>'
    with override_templates({"managers/plugins/schlicht/map_teaser.html": plain}):
        assert 'data-marker="schlicht"' not in client.get("/teaser-test/").content.decode()
        MapTeaser.objects.filter(pk=teaser_page.pk).update(template_folder="schlicht")
        cache.clear()  # django CMS keeps the placeholder's render (the teaser is plugin-cacheable)
        html = client.get("/teaser-test/").content.decode()
    assert '<p data-marker="schlicht"><a href="/familienmanager/karte/">Unsere Karte</a></p>' in html
