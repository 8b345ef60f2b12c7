"""
No silent buttons on pages: "Bearbeiten" on a page version that waits for review says why and where to go; a page
of another municipality says so (in the tree, and its edit address answers the portal's 403 page, also in DEBUG).
"""

import pytest
from cms.models import PageContent
from cms.toolbar.utils import get_object_edit_url, get_object_preview_url, get_object_structure_url
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from djangocms_versioning.models import Version

from reviews.models import Review
from tests.authz.support import client_as

pytestmark = pytest.mark.django_db
WHY = "liegt der IQZ-Redaktion zur Prüfung vor"
WHERE = "Einreichung zurückziehen"


def _published(reverse_id="kommune-bochum"):
    return Version.objects.get_for_content(PageContent.objects.get(page__reverse_id=reverse_id, language="de"))


@pytest.fixture
def waiting():
    draft = _published().copy(get_user_model().objects.get(username="bochum"))
    response = client_as("bochum").post(reverse("admin:reviews_page_review", args=(draft.content.pk, "einreichen")),
                                        {"comment": "Neue Öffnungszeiten"})
    assert response.status_code == 302
    return draft


def _edit_redirect(version):
    return reverse("admin:djangocms_versioning_pagecontentversion_edit_redirect", args=(version.pk,))


@pytest.mark.parametrize("which", ["draft", "published"])
def test_bearbeiten_on_a_waiting_page_says_why_and_where_to_go(waiting, which):
    version = waiting if which == "draft" else _published()
    bochum = client_as("bochum")
    response = bochum.post(_edit_redirect(version), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert WHY in html and WHERE in html


def test_the_toolbar_offers_no_silent_bearbeiten_but_the_way_out(waiting):
    html = client_as("bochum").get(get_object_preview_url(waiting.content)).content.decode()
    assert _edit_redirect(waiting) not in html
    withdraw = reverse("admin:reviews_page_withdraw", args=(waiting.content.pk,))
    assert withdraw in html and "Liegt zur Prüfung vor" in html


def test_the_edit_address_of_a_waiting_page_says_why(waiting):
    response = client_as("bochum").get(get_object_edit_url(waiting.content), follow=True)
    assert response.redirect_chain and WHY in response.content.decode()


def test_the_author_withdraws_the_submission_and_edits_again(waiting):
    bochum = client_as("bochum")
    withdraw = reverse("admin:reviews_page_withdraw", args=(waiting.content.pk,))
    assert WHERE in bochum.get(withdraw).content.decode()
    response = bochum.post(withdraw)
    assert response.status_code == 302
    assert Review.objects.get().state == Review.State.WITHDRAWN
    landing = bochum.get(response["Location"], follow=True)
    assert "Die Einreichung ist zurückgezogen" in landing.content.decode()
    assert bochum.post(_edit_redirect(waiting))["Location"] == get_object_edit_url(waiting.content)


def test_another_city_cannot_withdraw():
    draft = _published().copy(get_user_model().objects.get(username="bochum"))
    client_as("bochum").post(reverse("admin:reviews_page_review", args=(draft.content.pk, "einreichen")),
                             {"comment": "x"})
    withdraw = reverse("admin:reviews_page_withdraw", args=(draft.content.pk,))
    assert client_as("gelsenkirchen").post(withdraw).status_code in (403, 404)
    assert Review.objects.get().state == Review.State.SUBMITTED


@pytest.mark.parametrize("url", [get_object_edit_url, get_object_preview_url, get_object_structure_url])
def test_another_citys_page_answers_the_portals_403_with_a_reason_also_in_debug(settings, url):
    settings.DEBUG = True
    content = _published("kommune-gelsenkirchen").content
    response = client_as("bochum").get(url(content))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Diese Seite gehört zu einer anderen Kommune" in html
    assert "Technical" not in html and "Traceback" not in html


def test_the_page_tree_says_why_another_citys_page_cannot_be_opened():
    from cms.models import Page

    kommunen, gelsenkirchen, bochum = (Page.objects.get(reverse_id=rid)
                                       for rid in ("kommunen", "kommune-gelsenkirchen", "kommune-bochum"))
    html = client_as("bochum").get(reverse("admin:cms_pagecontent_get_tree"),
                                   {"language": "de", "openNodes[]": [kommunen.pk]}).content.decode()
    rows = {row.split('data-id="', 1)[1].split('"', 1)[0]: row for row in html.split('<li class="cms-tree-node')[1:]}
    # Another city's page is not in a municipal editor's tree at all (familie_portal.admin_pages.get_tree); the
    # page above their own, which they may not open either, says why.
    assert str(gelsenkirchen.pk) not in rows
    assert "Diese Seite gehört zu einer anderen Kommune" in rows[str(kommunen.pk)]
    assert "Diese Seite gehört zu einer anderen Kommune" not in rows[str(bochum.pk)]


def test_another_citys_page_settings_say_why_and_an_unknown_page_answers_the_portals_404_in_debug(settings):
    settings.DEBUG = True
    bochum = client_as("bochum")
    content = _published("kommune-gelsenkirchen").content
    response = bochum.get(reverse("admin:cms_pagecontent_change", args=(content.pk,)))
    assert response.status_code == 403 and "Diese Seite gehört zu einer anderen Kommune" in response.content.decode()
    page_content_type = ContentType.objects.get_for_model(PageContent).pk
    for url in (reverse("admin:cms_pagecontent_change", args=(999999,)),
                reverse("admin:cms_placeholder_render_object_edit", args=(page_content_type, 999999))):
        response = bochum.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Diesen Eintrag oder diese Seite gibt es nicht" in html and "Django tried" not in html, url
