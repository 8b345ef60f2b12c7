"""The Werkstattreihe's markup is in templates a site can override: the report card (a template of
the same path earlier in TEMPLATES["DIRS"]) and the layout of "Neueste Werkstattberichte" (a
template folder chosen per plugin instance)."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.urls import reverse

from familie_portal.demo import publish
from tests.template_overrides import templates_first
from workshops.models import LatestWorkshops, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def override_templates(tmp_path):
    return lambda templates: templates_first(tmp_path, templates)


def test_an_overriding_workshop_card_changes_the_list(client, uncached, override_templates):
    card = '<article class="my-card" data-marker="override">{{ workshop.title }}</article>'
    with override_templates({"workshops/includes/workshop_card.html": card}):
        html = client.get(reverse("workshops:list")).content.decode()
    newest = Workshop.objects.published().order_by("-date").first()
    assert f'<li><article class="my-card" data-marker="override">{newest.title_de}</article></li>' in html
    assert "workshop-card__title" not in html


def test_the_card_in_the_standard_template(client, uncached):
    html = client.get(reverse("workshops:list")).content.decode()
    newest = Workshop.objects.published().order_by("-date").first()
    assert f'<h3 class="workshop-card__title"><a href="{newest.get_absolute_url()}">{newest.title_de}</a></h3>' in html


@pytest.fixture
def latest_plugin_page(user_by_name):
    """A published page holding one "Neueste Werkstattberichte"; the plugin instance is returned."""
    admin = user_by_name("admin")
    page = create_page("Layout-Test", "pages/content.html", "de", slug="layout-test", created_by=admin)
    content = PageContent.admin_manager.get(page=page, language="de")
    plugin = add_plugin(content.get_placeholders().get(slot="content"), "LatestWorkshopsPlugin", "de", count=2)
    publish(content, admin)
    return plugin


def test_plugin_uses_the_template_folder_chosen_for_it(client, uncached, settings, override_templates,
                                                        latest_plugin_page):
    settings.WORKSHOPS_PLUGIN_TEMPLATE_FOLDERS = [("default", "Standard"), ("kompakt", "Kompakt")]
    compact = '<p data-marker="kompakt">{% for workshop in workshops %}{{ workshop.title }}|{% endfor %}</p>'
    with override_templates({"workshops/plugins/kompakt/latest_workshops.html": compact}):
        assert 'data-marker="kompakt"' not in client.get("/layout-test/").content.decode(), "standard first"
        LatestWorkshops.objects.filter(pk=latest_plugin_page.pk).update(template_folder="kompakt")
        html = client.get("/layout-test/").content.decode()
    titles = Workshop.objects.published().order_by("-date").values_list("title_de", flat=True)[:2]
    assert f'<p data-marker="kompakt">{titles[0]}|{titles[1]}|</p>' in html


def test_a_folder_without_the_template_falls_back_to_the_standard_layout(client, uncached, latest_plugin_page):
    LatestWorkshops.objects.filter(pk=latest_plugin_page.pk).update(template_folder="gibt-es-nicht")
    html = client.get("/layout-test/").content.decode()
    assert f'id="latest-workshops-{latest_plugin_page.pk}">Neueste Werkstattberichte</h2>' in html


def test_the_folder_choices_come_from_the_setting(settings):
    settings.WORKSHOPS_PLUGIN_TEMPLATE_FOLDERS = [("default", "Standard"), ("kompakt", "Kompakt")]
    field = LatestWorkshops._meta.get_field("template_folder")
    assert field.choices == [("default", "Standard"), ("kompakt", "Kompakt")]
