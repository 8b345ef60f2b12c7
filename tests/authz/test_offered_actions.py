"""
Actions a role may not take are not offered: in the page tree no preview/edit icon on pages the editor
may not change (it led to a 404), no "Löschen…" in a page's options menu and no "Seite löschen" in the
toolbar for those who may not delete. Real users through the test client (bochum vs iqz).
"""

import re

import pytest
from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_edit_url
from django.contrib.auth import get_user_model
from django.urls import reverse
from djangocms_versioning.models import Version

from tests.authz.support import client_as

pytestmark = pytest.mark.django_db


def _page(reverse_id) -> Page:
    return Page.objects.get(reverse_id=reverse_id)


def _tree_rows(role) -> dict[int, str]:
    """Each row of the page tree (the Kommunen branch opened), by page id."""
    kommunen = _page("kommunen")
    response = client_as(role).get(reverse("admin:cms_pagecontent_get_tree"),
                                   {"language": "de", "openNodes[]": [kommunen.pk]})
    assert response.status_code == 200
    rows = {}
    for row in response.content.decode().split('<li class="cms-tree-node')[1:]:
        rows[int(re.search(r'data-id="(\d+)"', row).group(1))] = row
    return rows


@pytest.mark.parametrize(("role", "own", "foreign"), [
    ("bochum", ["kommune-bochum"], ["kommunen"]),  # other cities and pages are not in their tree at all
    ("iqz", ["kommune-bochum", "qualifizierung", "kommune-gelsenkirchen", "kommunen"], []),
])
def test_the_page_tree_offers_the_preview_only_on_pages_the_editor_may_change(role, own, foreign):
    rows = _tree_rows(role)
    for reverse_id in own:
        assert "js-cms-pagetree-page-view" in rows[_page(reverse_id).pk], reverse_id
    for reverse_id in foreign:
        assert "js-cms-pagetree-page-view" not in rows[_page(reverse_id).pk], reverse_id


def _actions_menu(role, reverse_id) -> str:
    response = client_as(role).get(reverse("admin:cms_page_actions_menu", args=[_page(reverse_id).pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_options_menu_offers_delete_only_to_those_who_may_delete():
    page = _page("kommune-bochum")
    delete_url = reverse("admin:cms_page_delete", args=[page.pk])
    assert "Löschen" not in _actions_menu("bochum", "kommune-bochum")
    assert delete_url in _actions_menu("iqz", "kommune-bochum") and "Löschen" in _actions_menu("iqz", "kommune-bochum")
    # the tree row's stand-in, shown until the menu has loaded, offers no delete either
    assert "Löschen" not in _tree_rows("bochum")[page.pk]


def _toolbar_in_edit_mode(role) -> str:
    published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id="kommune-bochum",
                                                                        language="de"))
    draft = published.copy(get_user_model().objects.get(username="admin"))
    response = client_as(role).get(get_object_edit_url(draft.content))
    assert response.status_code == 200
    return response.content.decode()


def test_the_toolbar_offers_delete_page_only_to_those_who_may_delete():
    assert "Seiten-Einstellungen" in _toolbar_in_edit_mode("bochum")  # the page menu is there
    assert "Seite löschen" not in _toolbar_in_edit_mode("bochum")
    assert "Seite löschen" in _toolbar_in_edit_mode("iqz")
