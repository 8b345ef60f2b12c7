"""
The navigation asks only for the part of the page tree it shows (familie_portal.cms_menus): the nodes django
CMS builds, stores and hands to the modifiers on every request do not grow with the number of municipalities
and their subpages, and the main navigation and the breadcrumb of a page deep below a city stay as they were.
"""

from unittest import mock

import pytest
from cms.api import create_page
from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_edit_url
from django.test import Client

from familie_portal.cms_menus import TimedVisibility
from familie_portal.onboarding import PAGE_TEMPLATE, municipality_onboard, publish
from managers.models import Municipality

pytestmark = pytest.mark.django_db
DEEP = "/kommunen/bochum/angebote/kita/anmeldung/"


def _subpages(city: Page, user) -> None:
    """Three levels below a city's page, published: Angebote > Kita > Anmeldung, and Beratung."""
    parent = city
    for title in ("Angebote", "Kita", "Anmeldung"):
        parent = create_page(title, PAGE_TEMPLATE, "de", parent=parent, in_navigation=True, created_by=user)
        publish(parent.get_admin_content("de"), user)
    beratung = create_page("Beratung", PAGE_TEMPLATE, "de", parent=city, in_navigation=True, created_by=user)
    publish(beratung.get_admin_content("de"), user)


@pytest.fixture
def bochum_subpages(user_by_name):
    _subpages(Page.objects.get(reverse_id="kommune-bochum"), user_by_name("admin"))


def _grow(user, count=3) -> None:
    """`count` more municipalities onboarded, each with its subpages."""
    for municipality in Municipality.objects.filter(editors__isnull=True).order_by("pk")[:count]:
        _subpages(municipality_onboard(municipality=municipality, user=user).page, user)


def _nodes_handed_to_modifiers(client: Client, path: str) -> list[int]:
    """How many nodes django CMS's renderer hands to the portal's last modifier, per menu tag of the page."""
    counts = []
    original = TimedVisibility.modify

    def counting(self, request, nodes, *args, **kwargs):
        counts.append(len(nodes))
        return original(self, request, nodes, *args, **kwargs)

    with mock.patch.object(TimedVisibility, "modify", counting):
        assert client.get(path, follow=True).status_code == 200  # a published page's editing: its preview
    return counts


def test_a_page_deep_below_a_city_shows_its_whole_path_and_its_section(client, bochum_subpages):
    html = client.get(DEEP).content.decode()
    crumbs = html[html.index('class="breadcrumb__list"') : html.index("</ol>")]
    for href, title in [("/kommunen/", "Kommunen"), ("/kommunen/bochum/", "Bochum"),
                        ("/kommunen/bochum/angebote/", "Angebote"), ("/kommunen/bochum/angebote/kita/", "Kita")]:
        assert f'href="{href}">{title}</a>' in crumbs
    assert crumbs.index(">Kommunen<") < crumbs.index(">Bochum<") < crumbs.index(">Angebote<") < crumbs.index(">Kita<")
    assert '<span aria-current="page">Anmeldung</span>' in crumbs
    assert "Beratung" not in crumbs
    nav_start = html.index('class="main-nav"')
    nav = html[nav_start : html.index("</nav>", nav_start)]
    active = nav[nav.index("is-active") :]
    assert active.index('href="/kommunen/">Kommunen</a>') < active.index("</li>")  # the section is marked
    assert nav.count("is-active") == 1
    assert "Bochum" not in nav and "Angebote" not in nav  # the main navigation shows the first level only
    assert 'aria-current="page"' not in nav


def test_a_top_level_page_is_marked_current_in_the_main_navigation(client, bochum_subpages):
    nav_html = client.get("/kommunen/").content.decode()
    nav = nav_html[nav_html.index('class="main-nav"') :]
    assert 'href="/kommunen/" aria-current="page">Kommunen</a>' in nav


def test_the_nodes_per_request_do_not_grow_with_the_municipalities(uncached, bochum_subpages, user_by_name,
                                                                     settings):
    from familie_portal.settings.base import cms_cache_durations

    settings.CMS_CACHE_DURATIONS = cms_cache_durations(False)  # django CMS's menu built on every request
    editor = Client()
    editor.force_login(user_by_name("bochum"))
    edit_url = get_object_edit_url(PageContent.admin_manager.current_content().get(
        page__reverse_id="kommune-bochum", language="de"))
    cases = [(Client(), "/"), (Client(), DEEP), (Client(), "/kommunen/bochum/"), (editor, edit_url)]
    before = [_nodes_handed_to_modifiers(client, path) for client, path in cases]
    assert all(before)
    _grow(user_by_name("admin"))
    assert [_nodes_handed_to_modifiers(client, path) for client, path in cases] == before


def test_the_cities_pages_are_reachable_and_in_the_language_switch(client, bochum_subpages):
    html = client.get(DEEP).content.decode()
    assert 'hreflang="de"' in html
    assert client.get("/kommunen/bochum/angebote/").status_code == 200
