"""The search covers the apps' public content and nothing else (reports, profiles)."""

import pytest

from familie_portal.models import SearchDocument
from managers.models import FamilyManager
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _results(client, query, **params):
    response = client.get("/suche/", {"q": query, **params})
    assert response.status_code == 200
    return response.context["results"]


def test_bochum_report_is_found_by_speaker_and_quote(client):
    titles = [d.title for d in _results(client, "Bogumil Amt Familienpolitik")]
    assert "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus" in titles
    titles = [d.title for d in _results(client, "Spielestunden Haushalten")]
    assert "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus" in titles


def test_report_result_links_to_its_page_in_the_request_language(client):
    result = next(d for d in _results(client, "Bogumil") if d.kind == "workshop")
    assert result.url == "/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"
    assert client.get(result.url).status_code == 200
    english = client.get("/en/suche/", {"q": "Bogumil"}).context["results"]
    assert any(d.url.startswith("/en/workshop-series/") for d in english)


def test_draft_report_is_not_found_and_unpublishing_removes_it(client):
    report = Workshop.objects.published().get(slug_de="familienfreundlichkeit-die-kommunalverwaltung-im-fokus")
    report.status = Workshop.Status.DRAFT
    report.save()
    assert not [d for d in _results(client, "Bogumil") if d.kind == "workshop"]


def test_unconsented_and_draft_profiles_never_appear(client):
    hidden = FamilyManager.objects.exclude(pk__in=FamilyManager.objects.public())
    assert hidden.exists()
    for profile in hidden:
        surname = profile.name.split()[-1]
        assert not [d for d in _results(client, surname) if d.kind == "manager"], profile.name
    assert not SearchDocument.objects.filter(kind="manager", title__in=hidden.values("name")).exists()


def test_withdrawing_consent_removes_a_profile_at_once(client):
    profile = FamilyManager.objects.public().first()
    surname = profile.name.split()[-1]
    assert _results(client, surname, art="manager")
    profile.consent_to_publication = False
    profile.save()
    assert not _results(client, surname, art="manager")


def test_profiles_never_index_contact_details():
    profile = FamilyManager.objects.public().exclude(email="").first()
    document = SearchDocument.objects.get(kind="manager", object_id=str(profile.pk), language="de")
    assert profile.email not in document.body
    if profile.phone:
        assert profile.phone not in document.body


def test_type_filter_lists_every_kind(client):
    response = client.get("/suche/", {"q": "Bochum"})
    kinds = {key: count for key, _label, count in response.context["kinds"]}
    assert kinds["page"] >= 1 and kinds["workshop"] >= 1 and kinds["manager"] >= 1
