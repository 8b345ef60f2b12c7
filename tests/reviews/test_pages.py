"""Review of page drafts through django CMS's and djangocms-versioning's own URLs, with the demo's users."""

import pytest
from cms.models import PageContent
from cms.toolbar.utils import get_object_edit_url
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

from reviews.models import Review
from tests.authz.support import client_as
from tests.reviews.conftest import set_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    published = Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="kommune-bochum", language="de"))
    return published.copy(get_user_model().objects.get(username="bochum"))


def _publish_url(version):
    return reverse("admin:djangocms_versioning_pagecontentversion_publish", args=(version.pk,))


def _step(version, step):
    return reverse("admin:reviews_page_review", args=(version.content.pk, step))


def _state(version):
    return Version.objects.get(pk=version.pk).state


def test_reviewed_editor_cannot_publish_through_versioning(draft):
    bochum = client_as("bochum")
    bochum.post(_publish_url(draft))
    assert _state(draft) == DRAFT
    html = bochum.get(get_object_edit_url(draft.content)).content.decode()
    assert _publish_url(draft) not in html
    assert _step(draft, "einreichen") in html and "Zur Prüfung einreichen" in html


def test_unreviewed_editor_publishes_alone(draft):
    set_review("bochum", False)
    bochum = client_as("bochum")
    assert _publish_url(draft) in bochum.get(get_object_edit_url(draft.content)).content.decode()
    bochum.post(_publish_url(draft))
    assert _state(draft) == PUBLISHED


def test_reviewed_editor_cannot_unpublish_the_published_page():
    published = Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="kommune-bochum", language="de"))
    url = reverse("admin:djangocms_versioning_pagecontentversion_unpublish", args=(published.pk,))
    client_as("bochum").post(url)
    assert _state(published) == PUBLISHED


def test_submit_and_iqz_approves(draft, django_capture_on_commit_callbacks):
    bochum = client_as("bochum")
    with django_capture_on_commit_callbacks(execute=True):
        response = bochum.post(_step(draft, "einreichen"), {"comment": "Neue Öffnungszeiten"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["iqz@example.org"] and "Neue Öffnungszeiten" in mail.outbox[-1].body
    html = bochum.get(get_object_edit_url(draft.content), follow=True).content.decode()
    assert "Liegt zur Prüfung vor" in html, "the waiting draft shows its state (in preview: only the IQZ edits it)"
    assert bochum.post(_step(draft, "freigeben"), {"comment": ""}).status_code == 403

    iqz = client_as("iqz")
    html = iqz.get(get_object_edit_url(draft.content)).content.decode()
    assert _step(draft, "freigeben") in html and _step(draft, "zurueckgeben") in html
    with django_capture_on_commit_callbacks(execute=True):
        assert iqz.post(_step(draft, "freigeben"), {"comment": "Danke"}).status_code == 302
    assert _state(draft) == PUBLISHED
    assert Review.objects.get().state == Review.State.APPROVED
    assert mail.outbox[-1].to == ["bochum@example.org"]


def test_iqz_returns_the_draft(draft):
    client_as("bochum").post(_step(draft, "einreichen"), {"comment": "Bitte prüfen"})
    client_as("iqz").post(_step(draft, "zurueckgeben"), {"comment": "Bild fehlt"})
    assert _state(draft) == DRAFT
    assert Review.objects.get().state == Review.State.RETURNED
    # The editor can submit the draft again.
    html = client_as("bochum").get(get_object_edit_url(draft.content)).content.decode()
    assert "Zur Prüfung einreichen" in html


def test_other_city_cannot_submit_a_page_draft(draft):
    assert client_as("gelsenkirchen").post(_step(draft, "einreichen"), {"comment": "x"}).status_code == 404
    assert not Review.objects.exists()


def test_the_approval_screen_links_the_comparison_with_the_published_version(draft):
    published = Version.objects.filter_by_content_grouping_values(draft.content).get(state=PUBLISHED)
    client_as("bochum").post(_step(draft, "einreichen"), {"comment": "Neue Öffnungszeiten"})
    iqz = client_as("iqz")
    html = iqz.get(_step(draft, "freigeben")).content.decode()
    compare = reverse("admin:djangocms_versioning_pagecontentversion_compare", args=(published.pk,))
    link = f"{compare}?compare_to={draft.pk}"
    assert f'href="{link}"' in html and "Vergleich mit der veröffentlichten Fassung" in html
    response = iqz.get(link)
    assert response.status_code == 200
    assert response.context["v1"] == published and response.context["v2"] == draft
