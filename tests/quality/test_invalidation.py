"""
Invalidation that cannot be bypassed: every way content changes (the admin's bulk actions, which
write with QuerySet.update() or delete(); writes from scripts and imports) reaches the page cache,
the cached parts and the search index at once. Checked as an anonymous visitor sees it, with the
caches on and warm: the lists, the month grid, the detail page, the feeds and the search.
"""

import datetime
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Event
from managers.models import FamilyManager, Municipality
from tests.events.factories import EventFactory
from tests.managers.factories import FamilyManagerFactory
from tests.workshops.factories import WorkshopFactory
from workshops.models import Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_caches")]
WORD = "Kormoranbrücke"
MARK = "kormoranbruecke"  # in every object's address: its link, wherever it is listed (the search echoes WORD)


def _visitor_sees(urls: list[str]) -> dict[str, bool]:
    """Whether an anonymous visitor finds the object's address on each page (a 404: not found)."""
    visitor = Client()
    seen = {}
    for url in urls:
        response = visitor.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        seen[url] = response.status_code == 200 and MARK in response.content.decode()
    return seen


def _bulk_action(client, changelist: str, action: str, pks: list[int]):
    data = {"action": action, "_selected_action": [str(pk) for pk in pks]}
    if action == "delete_selected":
        data["post"] = "yes"
    response = client.post(changelist, data)
    assert response.status_code == 302, response.content.decode()[:500]


# --- events -------------------------------------------------------------------------------------

def _event_urls(event) -> list[str]:
    start = timezone.localtime(event.start)
    return [
        "/veranstaltungen/",
        f"/veranstaltungen/{start.year}/{start.month}/",
        f"/veranstaltungen/{start.year}/{start.month}/{start.day}/",
        f"/veranstaltungen/{event.slug}/",
        "/veranstaltungen/rss/",
        "/veranstaltungen/kalender.ics",
        f"/suche/?q={WORD}",
    ]


@pytest.fixture
def event():
    return EventFactory(title_de=f"Fachtag an der {WORD}", slug="fachtag-kormoranbruecke",
                        start=timezone.now() + timedelta(days=2), status=Event.Status.DRAFT)


def test_bulk_publish_of_events_shows_everywhere_at_once(iqz_client, event):
    urls = _event_urls(event)
    assert not any(_visitor_sees(urls).values()), "a draft is nowhere (and the pages are now cached)"
    _bulk_action(iqz_client, "/admin/events/event/", "publish", [event.pk])
    assert _visitor_sees(urls) == dict.fromkeys(urls, True)


@pytest.mark.parametrize("action", ["unpublish", "delete_selected"])
def test_bulk_withdraw_or_delete_of_events_removes_them_everywhere_at_once(iqz_client, event, action):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
    urls = _event_urls(event)
    assert _visitor_sees(urls) == dict.fromkeys(urls, True), "published and cached everywhere"
    _bulk_action(iqz_client, "/admin/events/event/", action, [event.pk])
    assert _visitor_sees(urls) == dict.fromkeys(urls, False)


# --- workshop reports ---------------------------------------------------------------------------

def _workshop_urls(workshop) -> list[str]:
    return ["/werkstattreihe/", f"/werkstattreihe/{workshop.slug_de}/", "/werkstattreihe/feed/rss/",
            f"/suche/?q={WORD}"]


@pytest.fixture
def workshop():
    return WorkshopFactory(title_de=f"Werkstatt an der {WORD}", slug_de="werkstatt-kormoranbruecke",
                           date=timezone.localdate() + timedelta(days=400), status=Workshop.Status.DRAFT)


def test_bulk_publish_of_reports_shows_everywhere_at_once(iqz_client, workshop):
    urls = _workshop_urls(workshop)
    assert not any(_visitor_sees(urls).values())
    _bulk_action(iqz_client, "/admin/workshops/workshop/", "publish", [workshop.pk])
    assert _visitor_sees(urls) == dict.fromkeys(urls, True)


@pytest.mark.parametrize("action", ["unpublish", "delete_selected"])
def test_bulk_withdraw_or_delete_of_reports_removes_them_everywhere_at_once(iqz_client, workshop, action):
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.PUBLISHED,
                                                   published_at=timezone.now())
    urls = _workshop_urls(workshop)
    assert _visitor_sees(urls) == dict.fromkeys(urls, True)
    _bulk_action(iqz_client, "/admin/workshops/workshop/", action, [workshop.pk])
    assert _visitor_sees(urls) == dict.fromkeys(urls, False)


# --- Familienmanager profiles -------------------------------------------------------------------

@pytest.fixture
def profile():
    bochum = Municipality.objects.get(ags="05911000")
    return FamilyManagerFactory(name=f"Alma {WORD}", slug="alma-kormoranbruecke", municipalities=[bochum],
                                consent_date=datetime.date(2025, 1, 1))


def _profile_urls(profile) -> list[str]:
    return [f"/familienmanager/?q={WORD}", "/familienmanager/kommune/bochum/",
            f"/familienmanager/profil/{profile.slug}/", f"/suche/?q={WORD}"]


def test_bulk_delete_of_profiles_removes_them_everywhere_at_once(iqz_client, profile):
    urls = _profile_urls(profile)
    assert _visitor_sees(urls) == dict.fromkeys(urls, True)
    _bulk_action(iqz_client, "/admin/managers/familymanager/", "delete_selected", [profile.pk])
    assert _visitor_sees(urls) == dict.fromkeys(urls, False)


def test_consent_withdrawn_by_an_import_removes_the_profile_everywhere_at_once(profile):
    urls = _profile_urls(profile)
    assert _visitor_sees(urls) == dict.fromkeys(urls, True)
    FamilyManager.objects.filter(pk=profile.pk).update(consent_to_publication=False)  # a script, no save()
    assert _visitor_sees(urls) == dict.fromkeys(urls, False)


def test_a_renamed_municipality_shows_at_once(profile):
    """update() on a related model: the cached profile page and the search follow."""
    url = f"/familienmanager/profil/{profile.slug}/"
    assert "Bochum" in Client().get(url).content.decode()
    Municipality.objects.filter(ags="05911000").update(name="Bochum-Kormoranbrücke")
    assert "Bochum-Kormoranbrücke" in Client().get(url).content.decode()
    assert "alma-kormoranbruecke" in Client().get("/suche/?q=Kormoranbrücke+Bochum").content.decode()
