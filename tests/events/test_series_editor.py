"""The series editor in the event form: choices instead of RFC 5545 text, and back again."""

import pytest

from events.forms import MONTHLY_WEEKDAY, WEEKLY, repeat_of
from events.models import Event
from events.recurrence import expand, first_start

from .test_admin import _form_data

pytestmark = pytest.mark.django_db
ADD = "/admin/events/event/add/"


def _organiser():
    from managers.models import Organisation

    return Organisation.objects.get(slug="iqz")


@pytest.mark.parametrize(
    ("choices", "rule"),
    [
        ({"repeat": "weekly", "repeat_weekdays": ["TU", "TH"], "repeat_count": "10"},
         "FREQ=WEEKLY;COUNT=10;BYDAY=TU,TH"),
        ({"repeat": "monthly_weekday", "repeat_until": "2030-12-31"}, "FREQ=MONTHLY;UNTIL=20301231T225959Z;BYDAY=3WE"),
        ({"repeat": "monthly_day", "repeat_interval": "2", "repeat_count": "3"}, "FREQ=MONTHLY;COUNT=3;INTERVAL=2"),
        ({"repeat": "daily", "repeat_count": "5"}, "FREQ=DAILY;COUNT=5"),
        ({"repeat": ""}, ""),
    ],
)
def test_the_choices_become_the_rule(iqz_client, choices, rule):
    # 15 May 2030 is the third Wednesday of its month.
    data = _form_data(_organiser(), start_0="15.05.2030", end_0="15.05.2030", **choices)
    response = iqz_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Event.objects.get(slug="neue-veranstaltung").rrule == rule  # in events.recurrence's canonical order


def test_a_monthly_weekday_series_falls_on_that_weekday(iqz_client):
    data = _form_data(_organiser(), start_0="15.05.2030", end_0="15.05.2030", repeat="monthly_weekday",
                      repeat_count="4")
    iqz_client.post(ADD, data)
    event = Event.objects.get(slug="neue-veranstaltung")
    dates = [o.start.date() for o in expand([event], first_start(event), event.series_end)]
    assert [(d.month, d.day) for d in dates] == [(5, 15), (6, 19), (7, 17), (8, 21)]


@pytest.mark.parametrize(
    ("choices", "field"),
    [
        ({"repeat": "weekly"}, "repeat_until"),
        ({"repeat": "weekly", "repeat_until": "2030-12-31", "repeat_count": "3"}, "repeat_count"),
        ({"repeat": "daily", "repeat_until": "2030-01-01"}, "repeat_until"),
        ({"repeat": "daily", "repeat_count": "abc"}, "repeat_count"),
        ({"repeat": "custom", "rrule": "FREQ=SOMETIMES"}, "rrule"),
    ],
)
def test_bad_choices_are_errors_at_the_field(iqz_client, choices, field):
    data = _form_data(_organiser(), start_0="15.05.2030", end_0="15.05.2030", **choices)
    response = iqz_client.post(ADD, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Event.objects.filter(slug="neue-veranstaltung").exists()


def test_a_stored_rule_opens_as_choices():
    assert repeat_of("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10") == {
        "repeat": WEEKLY, "repeat_interval": 1, "repeat_count": 10, "repeat_until": None,
        "repeat_weekdays": ["TU", "TH"],
    }
    assert repeat_of("FREQ=MONTHLY;BYDAY=3WE;UNTIL=20301231T225959Z")["repeat"] == MONTHLY_WEEKDAY
    assert repeat_of("FREQ=MONTHLY;BYDAY=3WE;UNTIL=20301231T225959Z")["repeat_until"].isoformat() == "2030-12-31"
    assert repeat_of("FREQ=MONTHLY;BYMONTHDAY=1,15")["repeat"] == "custom"


def test_the_demo_series_opens_with_its_choices(iqz_client):
    series = Event.objects.exclude(rrule="").first()
    form = iqz_client.get(f"/admin/events/event/{series.pk}/change/").context["adminform"].form
    assert form.initial["repeat"] == repeat_of(series.rrule)["repeat"]
    assert form.initial["repeat"] != ""


def _history_after_posting(event, **changes) -> str:
    from django.contrib.admin.models import LogEntry

    from tests.authz.support import admin_form_data, client_as

    url = f"/admin/events/event/{event.pk}/change/"
    response = client_as("iqz").post(url, admin_form_data(url, **changes))
    assert response.status_code == 302
    return LogEntry.objects.filter(object_id=str(event.pk)).latest("pk").get_change_message()


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;COUNT=6;BYDAY=TU,TH", "FREQ=MONTHLY;UNTIL=20301231T225959Z;BYDAY=3WE",
                                  ""])
def test_the_history_names_only_what_changed(rule):
    from tests.events.factories import EventFactory

    event = EventFactory(organiser=_organiser(), status=Event.Status.DRAFT, rrule=rule)
    message = _history_after_posting(event, title_de="Ein neuer Titel")
    assert "Titel" in message
    for label in ("Wiederholung", "Wochentage", "Anzahl", "Abstand", "Wiederholen bis", "Eigene Regel"):
        assert label not in message, message


def test_the_history_names_a_changed_series_field():
    from tests.events.factories import EventFactory

    event = EventFactory(organiser=_organiser(), status=Event.Status.DRAFT, rrule="FREQ=WEEKLY;COUNT=6;BYDAY=TU")
    message = _history_after_posting(event, repeat_count="8")
    assert "Anzahl der Termine" in message
    assert "Wochentage" not in message and "Abstand" not in message, message
