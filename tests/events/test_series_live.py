"""
"Wiederholung in Worten" while the editor changes the series (events.admin series_words_view + the script in
the admin's Media): the sentence with the number of dates it gives, a clear message for bad input, never a 500,
and only for those who edit events.
"""

from html import unescape

import pytest
from django.urls import reverse

from events.models import Event
from managers.models import Organisation
from tests.authz.support import client_as
from tests.events.factories import EventFactory, local

pytestmark = pytest.mark.django_db
URL = "/admin/events/event/serie-in-worten/"

# Tuesday 1 December 2026, 10:00: six Tuesdays, one of them (29.12.) left out.
SERIES = {"start_0": "01.12.2026", "start_1": "10:00", "end_0": "01.12.2026", "end_1": "12:00",
          "repeat": "weekly", "repeat_interval": "1", "repeat_weekdays": ["TU"], "repeat_count": "6",
          "exdates": "29.12.2026"}


def test_the_address_is_the_admins():
    assert reverse("admin:events_event_series_words") == URL


@pytest.mark.parametrize("role", ["iqz", "bochum", "admin"])
def test_the_series_in_words_with_the_number_of_dates(role):
    response = client_as(role).get(URL, SERIES)
    assert response.status_code == 200
    assert response.json() == {
        "text": "jede Woche am Dienstag, 6-mal, außer am 29.12.2026 – ergibt 5 Termine", "error": False}


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"repeat": "", "repeat_count": "", "exdates": ""}, "Keine Wiederholung: ein einzelner Termin."),
        ({"repeat": "daily", "repeat_count": "1", "exdates": ""}, "täglich, einmal – ergibt 1 Termin"),
        ({"repeat": "monthly_weekday", "repeat_count": "", "repeat_until": "2027-03-31", "exdates": ""},
         "jeden 1. Dienstag im Monat bis 31.03.2027 – ergibt 4 Termine"),
        ({"repeat": "custom", "rrule": "FREQ=WEEKLY;BYDAY=TU", "exdates": ""},
         "jede Woche am Dienstag – ohne Enddatum"),
    ],
)
def test_other_series(changes, words):
    assert client_as("iqz").get(URL, {**SERIES, **changes}).json() == {"text": words, "error": False}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_0": "", "start_1": ""}, "Beginn"),
        ({"start_0": "31.02.2026"}, "Beginn"),
        ({"repeat_count": "abc"}, "oder Anzahl der Termine: "),
        ({"repeat_count": "100000"}, "oder Anzahl der Termine: "),
        ({"repeat_count": ""}, "Wiederholen bis einschließlich: Bitte angeben, bis wann oder wie oft"),
        ({"repeat_until": "2026-12-31"}, "nicht beides"),
        ({"repeat_count": "", "repeat_until": "2026-01-01"}, "vor dem Beginn"),
        ({"exdates": "neulich"}, "„neulich“ ist kein Datum"),
        ({"repeat": "custom", "rrule": "FREQ=SOMETIMES"}, "Eigene Regel (RFC 5545): "),
        ({"repeat": "custom", "rrule": "FREQ=DAILY;COUNT=99999999999999999999"}, "Eigene Regel (RFC 5545): "),
        ({"repeat": "nonsense"}, "Wiederholung: "),
        ({"repeat_weekdays": ["XX"]}, "Wochentage: "),
        ({"repeat_interval": "0"}, "Abstand: "),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(changes, message):
    response = client_as("iqz").get(URL, {**SERIES, **changes})
    assert response.status_code == 200
    data = response.json()
    assert data["error"] is True and message in data["text"], data


def test_nothing_at_all_is_a_message_too():
    data = client_as("bochum").get(URL).json()
    assert data["error"] is True and "Beginn" in data["text"]


def test_only_for_those_who_edit_events():
    from django.contrib.auth import get_user_model

    from tests.authz.support import redirects_to_login

    assert redirects_to_login(client_as(None).get(URL, SERIES))
    get_user_model().objects.create_user("praktikant", "p@example.org", "x", is_staff=True)
    assert client_as("praktikant").get(URL, SERIES).status_code == 403


def test_the_form_shows_the_saved_series_with_its_count_in_a_live_region_and_loads_the_script():
    event = EventFactory(organiser=Organisation.objects.get(slug="iqz"), status=Event.Status.DRAFT,
                         start=local(2026, 12, 1, 10), end=local(2026, 12, 1, 12),
                         rrule="FREQ=WEEKLY;COUNT=6;BYDAY=TU", exdates="29.12.2026")
    html = unescape(client_as("iqz").get(f"/admin/events/event/{event.pk}/change/").content.decode())
    assert f'<output class="series-in-words" aria-live="polite" data-url="{URL}"' in html
    assert "jede Woche am Dienstag, 6-mal, außer am 29.12.2026 – ergibt 5 Termine</output>" in html
    assert "/static/events/series_in_words.js" in html
