"""
Scheduled publishing (familie_portal.scheduling): an event, report or profile with "veröffentlichen am"
appears at that minute, one with "zurückziehen am" disappears at that minute, for an anonymous visitor
with the caches on and warm: lists, month grid, day, detail, feeds, iCal, sitemap, search and the home
page's plugins. Nothing runs at that minute; the pages cached a minute before end at it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from events.models import Event
from managers.models import FamilyManager, Municipality
from tests.events.factories import EventFactory, local
from tests.managers.factories import FamilyManagerFactory
from tests.workshops.factories import WorkshopFactory
from workshops.models import Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_caches")]
WORD = "Kormoranbrücke"
MARK = "kormoranbruecke"  # in every object's address, wherever it is listed or linked
MOMENT = local(2028, 3, 6, 9, 0)  # a Monday, 9:00 in Berlin
BEFORE, AT = MOMENT - timedelta(minutes=1), MOMENT


def _visitor_sees(urls: list[str]) -> dict[str, bool]:
    visitor = Client()
    seen = {}
    for url in urls:
        response = visitor.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        seen[url] = response.status_code == 200 and MARK in response.content.decode()
    return seen


def _at(moment, urls) -> dict[str, bool]:
    with time_machine.travel(moment, tick=False):
        return _visitor_sees(urls)


def _everywhere(urls, value: bool) -> dict[str, bool]:
    return dict.fromkeys(urls, value)


# --- events -------------------------------------------------------------------------------------

EVENT_URLS = [
    "/",  # "Nächste Termine"
    "/veranstaltungen/",
    "/veranstaltungen/2028/3/",
    "/veranstaltungen/2028/3/6/",
    "/veranstaltungen/fachtag-kormoranbruecke/",
    "/veranstaltungen/fachtag-kormoranbruecke.ics",
    "/veranstaltungen/rss/",
    "/veranstaltungen/atom/",
    "/veranstaltungen/kalender.ics",
    "/en/events/",
    "/sitemap-veranstaltungen.xml",
    f"/suche/?q={WORD}",
]


def _event(**schedule) -> Event:
    return EventFactory(title_de=f"Fachtag an der {WORD}", slug="fachtag-kormoranbruecke",
                        start=MOMENT + timedelta(hours=2), **schedule)


def test_an_event_scheduled_for_9_appears_everywhere_at_9():
    _event(publish_at=MOMENT)
    assert _at(BEFORE, EVENT_URLS) == _everywhere(EVENT_URLS, False), "not yet, and now cached"
    assert _at(BEFORE, EVENT_URLS) == _everywhere(EVENT_URLS, False), "from the caches"
    assert _at(AT, EVENT_URLS) == _everywhere(EVENT_URLS, True)


def test_an_event_withdrawn_at_9_disappears_everywhere_at_9():
    _event(withdraw_at=MOMENT)
    assert _at(BEFORE, EVENT_URLS) == _everywhere(EVENT_URLS, True), "public, and now cached"
    assert _at(AT, EVENT_URLS) == _everywhere(EVENT_URLS, False)


def test_a_draft_with_a_publication_time_stays_hidden():
    _event(publish_at=MOMENT, status=Event.Status.DRAFT)
    assert _at(AT, EVENT_URLS) == _everywhere(EVENT_URLS, False)


def test_the_window_is_part_of_published():
    event = _event(publish_at=MOMENT, withdraw_at=MOMENT + timedelta(days=1))
    for moment, expected in [(BEFORE, False), (AT, True), (MOMENT + timedelta(days=1), False)]:
        with time_machine.travel(moment, tick=False):
            assert Event.objects.published().filter(pk=event.pk).exists() is expected, moment


# --- workshop reports ---------------------------------------------------------------------------

REPORT_URLS = ["/", "/werkstattreihe/", "/werkstattreihe/werkstatt-kormoranbruecke/", "/werkstattreihe/feed/rss/",
               "/werkstattreihe/feed/atom/", "/sitemap-werkstattreihe.xml", f"/suche/?q={WORD}"]


def _report(**schedule) -> Workshop:
    # The newest report by its date, so the home page's "Neueste Werkstattberichte" shows it.
    return WorkshopFactory(title_de=f"Werkstatt an der {WORD}", slug_de="werkstatt-kormoranbruecke",
                           slug_en="workshop-kormoranbruecke", date=MOMENT.date(), **schedule)


def test_a_report_scheduled_for_9_appears_everywhere_at_9():
    _report(publish_at=MOMENT)
    assert _at(BEFORE, REPORT_URLS) == _everywhere(REPORT_URLS, False)
    assert _at(AT, REPORT_URLS) == _everywhere(REPORT_URLS, True)


def test_a_report_withdrawn_at_9_disappears_everywhere_at_9():
    _report(withdraw_at=MOMENT)
    assert _at(BEFORE, REPORT_URLS) == _everywhere(REPORT_URLS, True)
    assert _at(AT, REPORT_URLS) == _everywhere(REPORT_URLS, False)


# --- Familienmanager profiles -------------------------------------------------------------------

PROFILE_URLS = [f"/familienmanager/?q={WORD}", "/familienmanager/kommune/bochum/",
                "/familienmanager/profil/kormoranbruecke-kim/", "/sitemap-familienmanager.xml", f"/suche/?q={WORD}"]


def _profile(**schedule) -> FamilyManager:
    return FamilyManagerFactory(name=f"Kim an der {WORD}", slug="kormoranbruecke-kim",
                                municipalities=[Municipality.objects.get(slug="bochum")], **schedule)


def test_a_profile_scheduled_for_9_appears_everywhere_at_9():
    _profile(publish_at=MOMENT)
    assert _at(BEFORE, PROFILE_URLS) == _everywhere(PROFILE_URLS, False)
    assert _at(AT, PROFILE_URLS) == _everywhere(PROFILE_URLS, True)


def test_a_profile_withdrawn_at_9_disappears_everywhere_at_9():
    _profile(withdraw_at=MOMENT)
    assert _at(BEFORE, PROFILE_URLS) == _everywhere(PROFILE_URLS, True)
    assert _at(AT, PROFILE_URLS) == _everywhere(PROFILE_URLS, False)


def test_a_profile_without_consent_stays_hidden_in_its_window():
    _profile(publish_at=MOMENT, consent_to_publication=False)
    assert _at(AT, PROFILE_URLS) == _everywhere(PROFILE_URLS, False)
