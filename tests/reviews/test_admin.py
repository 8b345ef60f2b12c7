"""Review in the admin of events, profiles and reports, through the real admin URLs."""

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Event
from managers.models import FamilyManager, Municipality
from reviews.models import Review
from tests.authz.support import admin_form_data, client_as
from tests.reviews.conftest import set_review

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/events/event/"


def _change(event):
    return reverse("admin:events_event_change", args=(event.pk,))


def _step(obj, step):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_review", args=(obj.pk, step))


def test_reviewed_editor_is_not_offered_publishing(bochum_draft):
    html = client_as("bochum").get(_change(bochum_draft)).content.decode()
    assert 'value="published"' not in html and 'value="draft"' in html
    assert "Zur Prüfung einreichen" in html and _step(bochum_draft, "einreichen") in html
    changelist = client_as("bochum").get(CHANGELIST).content.decode()
    assert 'value="publish"' not in changelist and 'value="unpublish"' not in changelist


def test_unreviewed_editor_is_offered_publishing(bochum_draft):
    set_review("bochum", False)
    html = client_as("bochum").get(_change(bochum_draft)).content.decode()
    assert 'value="published"' in html and "Zur Prüfung einreichen" not in html
    assert 'value="publish"' in client_as("bochum").get(CHANGELIST).content.decode()


def test_submit_then_iqz_approves_through_the_admin(bochum_draft, django_capture_on_commit_callbacks):
    bochum = client_as("bochum")
    assert "Kommentar" in bochum.get(_step(bochum_draft, "einreichen")).content.decode()
    response = bochum.post(_step(bochum_draft, "einreichen"), {"comment": ""})
    assert response.status_code == 200 and not Review.objects.exists()  # a comment is required
    with django_capture_on_commit_callbacks(execute=True):
        response = bochum.post(_step(bochum_draft, "einreichen"), {"comment": "Neuer Termin, bitte prüfen"})
    assert response.status_code == 302 and response["Location"] == _change(bochum_draft)
    assert mail.outbox[-1].to == ["iqz@example.org"]

    # The municipal editor cannot decide on it, the IQZ sees the buttons.
    assert bochum.post(_step(bochum_draft, "freigeben"), {"comment": ""}).status_code == 403
    iqz = client_as("iqz")
    html = iqz.get(_change(bochum_draft)).content.decode()
    assert "Neuer Termin, bitte prüfen" in html and "Freigeben und veröffentlichen" in html
    with django_capture_on_commit_callbacks(execute=True):
        assert iqz.post(_step(bochum_draft, "freigeben"), {"comment": ""}).status_code == 302
    bochum_draft.refresh_from_db()
    assert bochum_draft.status == Event.Status.PUBLISHED
    assert mail.outbox[-1].to == ["bochum@example.org"]
    assert client_as(None).get(bochum_draft.get_absolute_url()).status_code == 200


def test_iqz_returns_with_a_comment(bochum_draft, django_capture_on_commit_callbacks):
    client_as("bochum").post(_step(bochum_draft, "einreichen"), {"comment": "Bitte prüfen"})
    iqz = client_as("iqz")
    assert iqz.post(_step(bochum_draft, "zurueckgeben"), {"comment": ""}).status_code == 200  # required
    with django_capture_on_commit_callbacks(execute=True):
        iqz.post(_step(bochum_draft, "zurueckgeben"), {"comment": "Bitte den Ort ergänzen"})
    assert Review.objects.get().state == Review.State.RETURNED
    assert "Bitte den Ort ergänzen" in mail.outbox[-1].body
    html = client_as("bochum").get(_change(bochum_draft)).content.decode()
    assert "Zurückgegeben" in html and "Bitte den Ort ergänzen" in html


def test_another_city_cannot_submit_or_see(bochum_draft):
    response = client_as("gelsenkirchen").post(_step(bochum_draft, "einreichen"), {"comment": "x"})
    assert response.status_code == 404 and not Review.objects.exists()


def test_published_object_of_a_reviewed_city_changes_only_through_its_draft(bochum_published):
    bochum = client_as("bochum")
    html = bochum.get(_change(bochum_published)).content.decode()
    assert 'value="published"' not in html and "Ihre Änderungen werden als Entwurf gespeichert" in html
    data = admin_form_data(_change(bochum_published), title_de="Geändert ohne Prüfung")
    response = bochum.post(_change(bochum_published), data)
    draft = Event.objects.get(draft_of=bochum_published)
    assert response.status_code == 302 and response["Location"] == _change(draft)
    assert draft.title_de == "Geändert ohne Prüfung" and draft.status == Event.Status.DRAFT
    assert bochum.post(reverse("admin:events_event_delete", args=(bochum_published.pk,)),
                       {"post": "yes"}).status_code == 403
    bochum.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [bochum_published.pk], "post": "yes"})
    bochum_published.refresh_from_db()
    assert bochum_published.title_de == "Bochumer Familienfest"
    assert bochum_published.status == Event.Status.PUBLISHED


def test_profile_needs_consent_to_be_approved(users):
    from reviews import services

    profile = FamilyManager.objects.create(name="Test Person", slug="test-person-review")
    profile.municipalities.add(Municipality.objects.get(slug="bochum"))
    bochum = client_as("bochum")
    html = bochum.get(reverse("admin:managers_familymanager_change", args=(profile.pk,))).content.decode()
    assert 'value="published"' not in html and "Zur Prüfung einreichen" in html
    review = services.submit_for_review(obj=profile, user=users["bochum"], comment="Neues Profil")
    response = client_as("iqz").post(_step(profile, "freigeben"), {"comment": ""})
    assert response.status_code == 200 and "Einwilligung" in response.content.decode()
    profile.consent_to_publication = True
    profile.save()
    assert client_as("iqz").post(_step(profile, "freigeben"), {"comment": ""}).status_code == 302
    assert FamilyManager.objects.public().filter(pk=profile.pk).exists()
    assert Review.objects.get(pk=review.pk).state == Review.State.APPROVED


def test_iqz_publishes_reports_alone():
    from workshops.models import Workshop

    workshop = Workshop.objects.filter(status=Workshop.Status.PUBLISHED).first()
    html = client_as("iqz").get(reverse("admin:workshops_workshop_change", args=(workshop.pk,))).content.decode()
    assert 'value="published"' in html and "Zur Prüfung einreichen" not in html
    assert 'value="publish"' in client_as("iqz").get(reverse("admin:workshops_workshop_changelist")).content.decode()


def test_the_superuser_switches_review_per_municipality_and_page_rights_follow():
    from cms.models import PagePermission

    bochum = Municipality.objects.get(slug="bochum")
    permission = PagePermission.objects.get(user__username="bochum")
    assert not permission.can_publish
    url = reverse("admin:managers_municipality_change", args=(bochum.pk,))
    data = admin_form_data(url)
    assert data["review_required"] == ["on"]
    del data["review_required"]  # the box unticked
    for role in ("bochum", "iqz"):
        assert client_as(role).post(url, data).status_code == 403
    assert Municipality.objects.get(pk=bochum.pk).review_required
    assert client_as("admin").post(url, data).status_code == 302
    assert not Municipality.objects.get(pk=bochum.pk).review_required
    assert PagePermission.objects.get(pk=permission.pk).can_publish
