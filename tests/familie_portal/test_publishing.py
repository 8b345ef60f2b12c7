"""Drafts stay invisible to the public until an editor publishes them (djangocms-versioning)."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.urls import reverse
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_page(user_by_name):
    iqz = user_by_name("iqz")
    page = create_page("Neuer Fachtag", "pages/content.html", "de", slug="neuer-fachtag", created_by=iqz,
                       in_navigation=True)
    content = PageContent.admin_manager.get(page=page, language="de")
    add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de", body="<p>Entwurfstext</p>")
    return content


def test_iqz_editor_can_open_the_page_add_form(iqz_client):
    assert iqz_client.get("/admin/cms/pagecontent/add/").status_code == 200


def test_draft_is_invisible_until_published_by_iqz_editor(client, iqz_client, draft_page):
    version = Version.objects.get_for_content(draft_page)
    assert version.state == DRAFT

    client.logout()
    assert client.get("/neuer-fachtag/").status_code == 404
    assert "Neuer Fachtag" not in client.get("/").content.decode()

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="iqz"))
    url = reverse("admin:djangocms_versioning_pagecontentversion_publish", args=(version.pk,))
    response = client.post(url)
    assert response.status_code == 302
    version = Version.objects.get(pk=version.pk)
    assert version.state == PUBLISHED

    client.logout()
    response = client.get("/neuer-fachtag/")
    assert response.status_code == 200
    assert "Entwurfstext" in response.content.decode()
    assert ">Neuer Fachtag</a>" in client.get("/").content.decode()


def test_editor_sees_draft_in_preview(iqz_client, draft_page):
    from cms.toolbar.utils import get_object_preview_url

    response = iqz_client.get(get_object_preview_url(draft_page))
    assert response.status_code == 200
    assert "Entwurfstext" in response.content.decode()


def test_anonymous_cannot_open_draft_preview(client, draft_page):
    from cms.toolbar.utils import get_object_preview_url

    response = client.get(get_object_preview_url(draft_page))
    assert response.status_code in (302, 403, 404)
    assert b"Entwurfstext" not in response.content


def test_municipal_editor_cannot_publish_a_page_outside_their_subtree(bochum_client, draft_page):
    version = Version.objects.get_for_content(draft_page)
    url = reverse("admin:djangocms_versioning_pagecontentversion_publish", args=(version.pk,))
    bochum_client.post(url)
    version = Version.objects.get(pk=version.pk)
    assert version.state == DRAFT
