"""
djangocms-versioning's version list and "Version" menu for the Kommunale Redaktion: on their own
pages all of it (list, compare, discard a draft, revert), on another city's page nothing (the menu is
left out, every versioning URL addressed by a version or a page answers 403 and writes nothing).
"""

import pytest
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.urls import reverse
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version

from .support import client_as
from .test_cms_pages import _page, make_ctx

pytestmark = pytest.mark.django_db

OWN = {"bochum": "kommune-bochum", "gelsenkirchen": "kommune-gelsenkirchen"}
OTHER = {"bochum": "kommune-gelsenkirchen", "gelsenkirchen": "kommune-bochum"}
VERSION_VIEWS = ["archive", "publish", "unpublish", "edit_redirect", "revert", "discard", "compare", "unlock"]


def _url(action, version, query=""):
    return reverse(f"admin:djangocms_versioning_pagecontentversion_{action}", args=[version.pk]) + query


def _list_url(page):
    return reverse("admin:djangocms_versioning_pagecontentversion_changelist") + f"?page={page.pk}"


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
def test_own_page_version_list_compare_and_discard(role):
    ctx = make_ctx(OWN[role])
    client = client_as(role)
    listing = client.get(_list_url(ctx.page))
    assert listing.status_code == 200
    assert {v.pk for v in listing.context["cl"].result_list} >= {ctx.draft.pk, ctx.published.pk}
    compare = client.get(_url("compare", ctx.draft, f"?compare_to={ctx.published.pk}"))
    assert compare.status_code == 200
    assert client.get(_url("discard", ctx.draft)).status_code == 200
    response = client.post(_url("discard", ctx.draft), {"discard": "1"})
    assert response.status_code == 302
    assert not Version.objects.filter(pk=ctx.draft.pk).exists()


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
def test_own_page_revert_an_archived_version(role):
    ctx = make_ctx(OWN[role], archived=True)
    client = client_as(role)
    assert client.get(_url("revert", ctx.draft)).status_code == 200
    response = client.post(_url("revert", ctx.draft), {})
    assert response.status_code == 302
    drafts = Version.objects.filter_by_grouper(ctx.page).filter(state=DRAFT, content_type=ctx.draft.content_type)
    assert drafts.count() == 1
    assert drafts.get().source_id == ctx.draft.pk


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
@pytest.mark.parametrize("action", VERSION_VIEWS)
def test_other_citys_page_versions_are_refused(role, action):
    ctx = make_ctx(OTHER[role])
    states = dict(Version.objects.filter_by_grouper(ctx.page).values_list("pk", "state"))
    client = client_as(role)
    for method in (client.get, client.post):
        response = method(_url(action, ctx.draft))
        assert response.status_code == 403, (action, response.status_code)
    # Comparing an own version with the other city's draft is refused as well.
    own = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id=OWN[role], language="de"))
    assert client.get(_url("compare", own, f"?compare_to={ctx.draft.pk}")).status_code == 403
    assert dict(Version.objects.filter_by_grouper(ctx.page).values_list("pk", "state")) == states


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
def test_version_list_of_another_page_or_of_all_pages_is_refused(role):
    client = client_as(role)
    assert client.get(_list_url(_page(OTHER[role]))).status_code == 403
    assert client.get(_list_url(_page("impressum"))).status_code == 403
    # Any filter without a page would list every page's versions.
    assert client.get(reverse("admin:djangocms_versioning_pagecontentversion_changelist") + "?o=1").status_code == 403
    assert client_as("iqz").get(_list_url(_page(OTHER[role]))).status_code == 200


def _toolbar(role, reverse_id, edit=True):
    from cms.toolbar.utils import get_object_edit_url

    published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id=reverse_id, language="de"))
    if not edit:
        return client_as(role).get(published.content.get_absolute_url()).content.decode()
    draft = published.copy(get_user_model().objects.get(username="admin"))
    response = client_as(role).get(get_object_edit_url(draft.content))
    assert response.status_code == 200
    return response.content.decode(), draft, published


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
def test_the_version_menu_on_own_pages_and_nothing_on_others(role):
    html, draft, published = _toolbar(role, OWN[role])
    assert "Versionen verwalten" in html
    assert f"pagecontentversion/?page={draft.content.page.pk}" in html
    assert _url("compare", published) in html  # "Mit Version #… vergleichen"
    assert _url("discard", draft) in html  # "Änderungen verwerfen"
    other = _toolbar(role, OTHER[role], edit=False)
    assert "cms-toolbar" in other
    assert "Versionen verwalten" not in other
    assert "pagecontentversion" not in other


def test_the_iqz_keeps_the_version_menu_everywhere():
    html, draft, _published = _toolbar("iqz", "kommune-bochum")
    assert "Versionen verwalten" in html and _url("discard", draft) in html
    assert "Versionen verwalten" in _toolbar("iqz", "kommune-gelsenkirchen", edit=False)

