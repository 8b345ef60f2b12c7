"""
A date's places on the public side, everywhere the date shows (registrations.selectors.DatePlaces, the
one rule): the event page and its JSON-LD, the date cards of "alle Termine", the month page, a day,
"Nächste Termine", the iCalendar feeds - and cached pages follow confirmations and the clock.
"""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from events.models import UpcomingEventsPluginModel
from managers.models import Organisation
from registrations.models import EventDate, RegistrationSettings
from tests.events.factories import local

from .conftest import link, make_event

pytestmark = pytest.mark.django_db
NOW = local(2027, 5, 3, 12)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _taken(event, confirmed):
    EventDate.objects.create(event=event, start=event.start, confirmed=confirmed)


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def _card(html: str, title: str) -> str:
    start = html.index(f">{title}</a>")
    return html[start : html.index("</article>", start)]


def test_the_event_page_says_how_many_places_are_left_also_to_search_engines(client):
    event = make_event(places=12, start=NOW + timedelta(days=7))
    _taken(event, 4)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "noch 8 Plätze frei" in html
    data = _json_ld(html)
    assert data["remainingAttendeeCapacity"] == 8 and data["maximumAttendeeCapacity"] == 12
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["url"] == f"http://testserver/anmeldung/{event.slug}/"


@pytest.mark.parametrize(("places", "taken", "waiting_list", "schema"), [
    (12, 8, True, "https://schema.org/LimitedAvailability"),
    (2, 2, True, "https://schema.org/SoldOut"),
    (2, 2, False, "https://schema.org/SoldOut"),
])
def test_the_json_ld_offer_follows_the_places(client, places, taken, waiting_list, schema):
    event = make_event(places=places, waiting_list=waiting_list)
    _taken(event, taken)
    data = _json_ld(client.get(event.get_absolute_url()).content.decode())
    assert data["offers"]["availability"] == schema and data["remainingAttendeeCapacity"] == places - taken


def test_the_cards_of_every_list_show_the_state(client):
    make_event(title_de="Offen", places=3, start=NOW + timedelta(days=3))
    waiting = make_event(title_de="Mit Warteliste", places=1, start=NOW + timedelta(days=4))
    full = make_event(title_de="Voll", places=1, waiting_list=False, start=NOW + timedelta(days=5))
    closed = make_event(title_de="Geschlossen", places=5, start=NOW + timedelta(days=6))
    _taken(waiting, 1)
    _taken(full, 1)
    RegistrationSettings.objects.filter(event=closed).update(closes_at=NOW - timedelta(hours=1))
    expected = {"Offen": "noch 3 Plätze", "Mit Warteliste": "Warteliste", "Voll": "ausgebucht",
                "Geschlossen": "Anmeldung geschlossen"}
    for url in ["/veranstaltungen/", "/veranstaltungen/2027/5/"]:
        html = client.get(url).content.decode()
        for title, words in expected.items():
            assert words in _card(html, title), (url, title)
    day = client.get("/veranstaltungen/2027/5/6/").content.decode()
    assert "noch 3 Plätze" in _card(day, "Offen")


def test_next_dates_show_the_state(client):
    organiser = Organisation.objects.create(name="Platz e. V.", slug="platz-ev", kind=Organisation.Kind.OTHER)
    UpcomingEventsPluginModel.objects.update(organiser=organiser, count=2)
    make_event(title_de="Bald", places=4, organiser=organiser, start=NOW + timedelta(days=2))
    html = client.get("/").content.decode()
    assert "noch 4 Plätze" in _card(html, "Bald")


def test_the_ical_feeds_name_the_places_and_the_form(client):
    event = make_event(title_de="Im Feed", places=3, start=NOW + timedelta(days=3))
    _taken(event, 1)
    for url in ["/veranstaltungen/kalender.ics", f"/veranstaltungen/{event.slug}.ics"]:
        text = client.get(url).content.decode().replace("\r\n ", "")
        assert f"Anmeldung: noch 2 Plätze – http://testserver/anmeldung/{event.slug}/" in text, url


@pytest.mark.usefixtures("portal_caches")
def test_cached_lists_follow_confirmations_and_the_beginning_of_a_date(visitor, settings):
    settings.PORTAL_CACHE_SECONDS = 3 * 24 * 3600  # longer than the dates hold: the states decide
    event = make_event(title_de="Gecacht", places=1, start=NOW + timedelta(hours=3))
    assert "noch 1 Platz" in _card(visitor.get("/veranstaltungen/").content.decode(), "Gecacht")
    visitor.sign_up(event)
    visitor.post(link(mail.outbox[0], "bestaetigen"))
    assert "Warteliste" in _card(visitor.get("/veranstaltungen/").content.decode(), "Gecacht")
    with time_machine.travel(event.start + timedelta(minutes=1), tick=False):
        html = visitor.get("/veranstaltungen/").content.decode()
        assert "Anmeldung geschlossen" in _card(html, "Gecacht"), "the date has begun: sign-ups closed"


def _search(client, word):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/suche/", {"q": word})  # warm menus and URLs
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/suche/", {"q": word}).content.decode()
    return html, [q["sql"] for q in queries]


def test_an_event_among_search_results_shows_its_places_in_constant_queries(client):
    for i in range(2):
        _taken(make_event(title_de=f"Seeadlerwerkstatt {i}", places=3, start=NOW + timedelta(days=3 + i)), 1)
    html, few = _search(client, "Seeadlerwerkstatt")
    assert "noch 2 Plätze" in html[html.index("Seeadlerwerkstatt 0</a>") - 600 :]
    for i in range(2, 9):
        _taken(make_event(title_de=f"Seeadlerwerkstatt {i}", places=3, start=NOW + timedelta(days=3 + i)), 1)
    html, many = _search(client, "Seeadlerwerkstatt")
    assert html.count("noch 2 Plätze") == 9
    assert len(many) == len(few), "\n".join(many)
