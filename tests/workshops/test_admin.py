"""Editing reports in the admin: the IQZ edits, the Kommunale Redaktion may not."""

import pytest
from django.urls import reverse
from reversion.models import Version

from managers.models import Organisation
from workshops.models import Workshop, WorkshopSeries

pytestmark = pytest.mark.django_db

BOCHUM_SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"
INLINE_PREFIXES = ["quotes", "ranked_items", "contributions", "downloads"]


def _management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def _add_form_data(**overrides):
    data = {
        "series": WorkshopSeries.objects.get(slug="werkstattreihe").pk,
        "organiser": Organisation.objects.get(slug="iqz").pk,
        "date": "2012-05-02",
        "show_day": "on",
        "status": "draft",
        "title_de": "Neue Werkstatt",
        "slug_de": "neue-werkstatt",
        "teaser_de": "Ein Vorspann.",
        "body_de": '<p>Text</p><script>alert(1)</script><img src="a.png" alt="" onerror="alert(2)">',
    }
    for prefix in INLINE_PREFIXES:
        data.update(_management(prefix))
    data.update(_management("ranked_items", total=2))
    data.update({"ranked_items-0-position": "1", "ranked_items-0-label_de": "Erstens",
                 "ranked_items-1-position": "2", "ranked_items-1-label_de": "Zweitens"})
    data.update(_management("contributions", total=1))
    data.update({"contributions-0-position": "1", "contributions-0-name": "Erika Muster",
                 "contributions-0-affiliation_de": "Stadt Beispiel"})
    data.update(overrides)
    return data


def test_iqz_editor_sees_list_and_forms(iqz_client):
    assert iqz_client.get(reverse("admin:workshops_workshop_changelist")).status_code == 200
    assert iqz_client.get(reverse("admin:workshops_workshop_add")).status_code == 200
    bochum = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    response = iqz_client.get(reverse("admin:workshops_workshop_change", args=[bochum.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Horizontale Zentralisierung einer Querschnittsaufgabe" in html  # ranked items inline
    assert "Thomas Frings" in html  # contributions inline


def test_changelist_search_and_filters(iqz_client):
    url = reverse("admin:workshops_workshop_changelist")
    html = iqz_client.get(url, {"q": "Frings"}).content.decode()
    assert "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus" in html
    assert "Familienbüros" not in html
    html = iqz_client.get(url, {"status__exact": "published"}).content.decode()
    assert "Familienbüros als Anlaufstelle" in html


def test_iqz_editor_adds_a_report_with_inlines_sanitized_and_recorded(iqz_client):
    response = iqz_client.post(reverse("admin:workshops_workshop_add"), _add_form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop = Workshop.objects.get(slug_de="neue-werkstatt")
    assert workshop.slug_en == "neue-werkstatt"
    assert workshop.status == Workshop.Status.DRAFT
    assert [item.label_de for item in workshop.ranked_items.all()] == ["Erstens", "Zweitens"]
    assert workshop.contributions.get().name == "Erika Muster"
    assert "<script" not in workshop.body_de and "onerror" not in workshop.body_de
    version = Version.objects.get_for_object(workshop).get()
    assert version.revision.user.username == "iqz"
    assert version.field_dict["title_de"] == "Neue Werkstatt"
    # The inlines are in the same revision (django-reversion follows the admin's inlines).
    labels = [v.field_dict["label_de"] for v in version.revision.version_set.all() if "label_de" in v.field_dict]
    assert sorted(labels) == ["Erstens", "Zweitens"]


def test_iqz_editor_changes_a_report_and_history_grows(iqz_client):
    iqz_client.post(reverse("admin:workshops_workshop_add"), _add_form_data())
    workshop = Workshop.objects.get(slug_de="neue-werkstatt")
    data = _add_form_data(title_de="Neue Werkstatt (geändert)", status="published")
    data.update(_management("ranked_items", total=2, initial=2))
    for index, item in enumerate(workshop.ranked_items.all()):
        data[f"ranked_items-{index}-id"] = str(item.pk)
        data[f"ranked_items-{index}-workshop"] = str(workshop.pk)
    contribution = workshop.contributions.get()
    data.update(_management("contributions", total=1, initial=1))
    data.update({"contributions-0-id": str(contribution.pk), "contributions-0-workshop": str(workshop.pk)})
    response = iqz_client.post(reverse("admin:workshops_workshop_change", args=[workshop.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop.refresh_from_db()
    assert workshop.title_de == "Neue Werkstatt (geändert)"
    assert workshop.published_at is not None
    versions = Version.objects.get_for_object(workshop)
    assert versions.count() == 2
    # German, from the admin's structured message (not "changed Status").
    assert "geändert" in versions.first().revision.get_comment()
    assert "Titel (Deutsch)" in versions.first().revision.get_comment()


def test_publish_action(iqz_client):
    iqz_client.post(reverse("admin:workshops_workshop_add"), _add_form_data())
    workshop = Workshop.objects.get(slug_de="neue-werkstatt")
    response = iqz_client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "publish", "_selected_action": [workshop.pk]},
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.is_published
    versions = Version.objects.get_for_object(workshop)
    assert versions.count() == 2
    assert versions.first().revision.get_comment() == "Status „Veröffentlicht“ (Sammelaktion)"
    assert iqz_client.get(workshop.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("fixture", ["bochum_client", "gelsenkirchen_client"])
def test_municipal_editors_may_not_edit_reports(request, fixture):
    client = request.getfixturevalue(fixture)
    bochum = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    assert client.get(reverse("admin:workshops_workshop_changelist")).status_code == 403
    assert client.get(reverse("admin:workshops_workshop_add")).status_code == 403
    assert client.get(reverse("admin:workshops_workshop_change", args=[bochum.pk])).status_code == 403
    assert client.post(reverse("admin:workshops_workshop_add"), _add_form_data()).status_code == 403
    assert not Workshop.objects.filter(slug_de="neue-werkstatt").exists()


def test_municipal_editors_may_place_the_latest_reports_plugin(user_by_name):
    assert user_by_name("bochum").has_perm("workshops.add_latestworkshops")
    assert not user_by_name("bochum").has_perm("workshops.change_workshop")
    assert user_by_name("iqz").has_perm("workshops.change_workshop")


def test_admin_links_drafts_to_their_preview(iqz_client):
    iqz_client.post(reverse("admin:workshops_workshop_add"), _add_form_data())
    workshop = Workshop.objects.get(slug_de="neue-werkstatt")
    html = iqz_client.get(reverse("admin:workshops_workshop_changelist")).content.decode()
    assert f'href="{workshop.get_preview_url()}"' in html
