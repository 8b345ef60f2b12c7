"""A series in words (events.recurrence.describe): in the admin beside the series editor and on the event page."""

from datetime import date
from html import unescape

import pytest
import time_machine
from django.utils import translation

from events.models import Event
from events.recurrence import describe

from .factories import EventFactory, local

pytestmark = pytest.mark.django_db

# Tuesday 6 May 2008, 10:00: the first Tuesday of its month.
START = local(2008, 5, 6)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20081231T225959Z", "jeden 1. Dienstag im Monat bis 31.12.2008"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", "jede Woche am Montag und Mittwoch"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6", "jede Woche am Montag, Mittwoch und Freitag, 6-mal"),
        ("FREQ=WEEKLY", "jede Woche am Dienstag"),  # no weekdays chosen: the start's
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10", "alle 2 Wochen am Dienstag, 10-mal"),
        ("FREQ=MONTHLY;COUNT=1", "jeden Monat am 6., einmal"),
        ("FREQ=MONTHLY;INTERVAL=3", "alle 3 Monate am 6."),
        ("FREQ=MONTHLY;BYDAY=-1FR", "jeden letzten Freitag im Monat"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE", "alle 2 Monate am 3. Mittwoch"),
        ("FREQ=YEARLY", "jedes Jahr am 6. Mai"),
        ("FREQ=YEARLY;INTERVAL=2;UNTIL=20200506", "alle 2 Jahre am 6. Mai bis 06.05.2020"),
        ("FREQ=DAILY;COUNT=5", "täglich, 5-mal"),
        ("FREQ=DAILY;INTERVAL=3", "alle 3 Tage"),
    ],
)
def test_every_kind_of_rule_in_german(rule, words):
    assert describe(rule, start=START, language="de") == words


def test_until_is_the_local_day_the_series_ends_on():
    # 31.12.2008 23:59:59 in Berlin is 22:59:59 UTC: the local day, not the UTC one.
    assert describe("FREQ=WEEKLY;UNTIL=20081231T225959Z", start=START, language="de").endswith("bis 31.12.2008")
    assert describe("FREQ=WEEKLY;UNTIL=20090101T000500Z", start=START, language="de").endswith("bis 01.01.2009")


def test_exception_dates_are_named():
    assert describe("FREQ=WEEKLY;BYDAY=MO", start=START, exdates=[date(2008, 5, 19), date(2008, 5, 12)],
                    language="de") == "jede Woche am Montag, außer am 12.05.2008 und 19.05.2008"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", "jeden 1. Dienstag im Monat bis 31.12.2008, außer am 03.06.2008"),
        ("en", "every first Tuesday of the month until 31/12/2008, except on 03/06/2008"),
        ("tr", "her ayın ilk Salı günü, 31.12.2008 tarihine kadar, 03.06.2008 hariç"),
        ("uk", "щомісяця у вівторок першого тижня, до 31.12.2008 включно, крім 03.06.2008"),
        ("ar", "يوم الثلاثاء الأول من كل شهر حتى 31/12/2008، باستثناء 03/06/2008"),
    ],
)
def test_in_every_language(language, words):
    rule = "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20081231T225959Z"
    assert describe(rule, start=START, exdates=[date(2008, 6, 3)], language=language) == words


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "every 2 weeks on Monday and Wednesday, 10 times"),
        ("tr", "2 haftada bir, Pazartesi ve Çarşamba günleri, 10 kez"),
        ("uk", "кожні 2 тижні, у понеділок і середу, 10 разів"),
        ("ar", "كل أسبوعين يوم الاثنين والأربعاء، 10 مرات"),
    ],
)
def test_plural_forms_of_every_language(language, words):
    assert describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10", start=START, language=language) == words


def test_ukrainian_and_arabic_use_their_own_plural_forms():
    assert describe("FREQ=MONTHLY;INTERVAL=5", start=START, language="uk") == "кожні 5 місяців, 6 числа"
    assert describe("FREQ=MONTHLY;INTERVAL=21", start=START, language="uk") == "кожен 21 місяць, 6 числа"
    assert describe("FREQ=YEARLY;INTERVAL=11", start=START, language="ar") == "كل 11 عامًا في 6 مايو"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYMONTHDAY=1,15",  # beyond the series editor
        "FREQ=MONTHLY;BYDAY=TU",  # every Tuesday of the month
        "FREQ=MONTHLY;BYDAY=1TU,3TU",
        "FREQ=MONTHLY;BYDAY=5TU",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=DAILY;BYDAY=MO,TU",
        "FREQ=YEARLY;BYMONTH=5;BYDAY=2SU",
        "FREQ=HOURLY",
        "INTERVAL=2",
        "not a rule at all",
        "",
    ],
)
def test_a_rule_the_editor_cannot_write_is_a_regular_date(rule):
    assert describe(rule, start=START, language="de") == "Regelmäßiger Termin"
    assert describe(rule, start=START, language="en") == "Recurring event"


def _series(**fields) -> Event:
    return EventFactory(title_de="Elterncafé", slug="elterncafe", start=START, end=local(2008, 5, 6, 12),
                        rrule="FREQ=MONTHLY;BYDAY=1TU;UNTIL=20081231", **fields)


def test_the_summary_of_a_stored_event():
    event = _series(exdates="03.06.2008")
    with translation.override("de"):
        assert event.series_summary == "jeden 1. Dienstag im Monat bis 31.12.2008, außer am 03.06.2008"
    assert EventFactory(slug="einmal").series_summary == ""


def test_a_malformed_stored_rule_falls_back(client):
    event = _series()
    # Old data, written past the model's checks: neither the page nor the admin fails.
    Event.objects.filter(pk=event.pk).update(rrule="FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU")
    event.refresh_from_db()
    with translation.override("de"):
        assert event.series_summary == "Regelmäßiger Termin"
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Regelmäßiger Termin" in response.content.decode()


@time_machine.travel(local(2008, 5, 1), tick=False)
@pytest.mark.parametrize(
    ("language", "words"),
    [("de", "Jeden 1. Dienstag im Monat bis 31.12.2008, außer am 03.06.2008"),
     ("en", "Every first Tuesday of the month until 31/12/2008, except on 03/06/2008"),
     ("ar", "يوم الثلاثاء الأول من كل شهر حتى 31/12/2008، باستثناء 03/06/2008")],
)
def test_the_public_page_says_how_the_date_repeats(client, language, words):
    event = _series(exdates="03.06.2008")
    with translation.override(language):
        url = event.get_absolute_url()
    response = client.get(url)  # an anonymous visitor
    assert response.status_code == 200
    assert words in unescape(response.content.decode())


def test_the_admin_shows_the_summary_beside_the_series_fields(iqz_client):
    event = _series(exdates="03.06.2008")
    response = iqz_client.get(f"/admin/events/event/{event.pk}/change/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    fieldset = html[html.index('name="repeat"'):html.index('name="rrule"')]  # the "Wiederholung" fieldset
    assert "Wiederholung in Worten" in fieldset
    assert "jeden 1. Dienstag im Monat bis 31.12.2008, außer am 03.06.2008" in fieldset


def test_the_admin_summary_follows_a_save(iqz_client):
    event = _series()
    from .test_admin import _form_data

    data = _form_data(event.organiser, title_de=event.title_de, slug=event.slug, start_0="06.05.2008",
                      end_0="06.05.2008", repeat="weekly", repeat_interval="2", repeat_weekdays=["TU", "TH"],
                      repeat_count="10", status="published")
    response = iqz_client.post(f"/admin/events/event/{event.pk}/change/", {**data, "_continue": "1"}, follow=True)
    assert "alle 2 Wochen am Dienstag und Donnerstag, 10-mal" in unescape(response.content.decode())


def test_a_new_event_has_no_summary_yet(iqz_client):
    response = iqz_client.get("/admin/events/event/add/")
    assert response.status_code == 200
    assert "Wiederholung in Worten" in response.content.decode()
