"""A cancelled date of a series (its "Ausnahmen"): no sign-up, with a clear message; its participants are told."""

import pytest
import time_machine
from django.core import mail

from tests.events.factories import local

from .conftest import last_mail_to, link, make_event, own_dates, own_registrations

pytestmark = pytest.mark.django_db
NOW = local(2027, 5, 3, 12)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def series(db):
    return make_event(start=local(2027, 5, 5, 10), end=local(2027, 5, 5, 12), rrule="FREQ=WEEKLY;COUNT=6",
                      places=1)


def test_cancelling_a_date_tells_its_participants_once(visitor, series, django_capture_on_commit_callbacks):
    for name in ("anna", "bert", "carla"):
        visitor.sign_up(series, email=f"{name}@example.org", name=name.title(), query="?termin=2027-05-12")
    for name in ("anna", "bert"):
        visitor.post(link(last_mail_to(f"{name}@example.org"), "bestaetigen"))
    visitor.sign_up(series, email="dora@example.org", query="?termin=2027-05-19")
    visitor.post(link(last_mail_to("dora@example.org"), "bestaetigen"))
    mail.outbox.clear()

    series.exdates = "12.05.2027"
    with django_capture_on_commit_callbacks(execute=True):
        series.save()
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bert@example.org"]
    assert all(m.subject.startswith("Termin entfällt") for m in mail.outbox)
    assert "12.05.2027" in mail.outbox[0].body or "12. Mai 2027" in mail.outbox[0].body
    row = own_dates().get(start=local(2027, 5, 12, 10))
    assert (row.confirmed, row.waiting, row.cancelled) == (0, 0, 2)
    assert set(own_registrations().filter(event_date=row).values_list("status", flat=True)) == {"cancelled"}
    assert own_registrations().get(email="dora@example.org").status == "confirmed", "other dates stay"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        series.save()
    assert not mail.outbox, "told once"


def test_a_cancelled_date_takes_no_sign_up_and_says_why(visitor, series):
    series.exdates = "2027-05-12"
    series.save()
    for response in (visitor.get(f"/anmeldung/{series.slug}/?termin=2027-05-12"),
                     visitor.sign_up(series, query="?termin=2027-05-12")):
        assert response.status_code == 410
        assert "Dieser Termin entfällt. Eine Anmeldung ist nicht möglich." in response.content.decode()
    assert not own_registrations().exists()
    assert visitor.get(f"/anmeldung/{series.slug}/?termin=2027-05-13").status_code == 404, "no date that day"
    assert visitor.get(f"/anmeldung/{series.slug}/?termin=2027-05-19").status_code == 200


def _admin_set_exdates(event, text, capture):
    """The IQZ edits the series' "Ausnahmen" in the event's admin form ("Sofort veröffentlichen": a plain save
    would be a draft)."""
    from django.urls import reverse

    from tests.authz.support import admin_form_data, client_as

    url = reverse("admin:events_event_change", args=[event.pk])
    with capture(execute=True):
        response = client_as("iqz").post(url, admin_form_data(url, exdates=text, _publish_now="1"))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_cancelled_date_whose_exception_is_removed_takes_sign_ups_again(
        visitor, series, django_capture_on_commit_callbacks):
    visitor.sign_up(series, email="anna@example.org", query="?termin=2027-05-12")
    visitor.post(link(last_mail_to("anna@example.org"), "bestaetigen"))
    _admin_set_exdates(series, "12.05.2027", django_capture_on_commit_callbacks)
    assert visitor.get(f"/anmeldung/{series.slug}/?termin=2027-05-12").status_code == 410
    assert own_registrations().get(email="anna@example.org").status == "cancelled"

    _admin_set_exdates(series, "", django_capture_on_commit_callbacks)
    page = visitor.get(f"/anmeldung/{series.slug}/?termin=2027-05-12")
    assert page.status_code == 200
    assert "Anmeldung geschlossen" not in page.content.decode()
    mail.outbox.clear()
    visitor.sign_up(series, email="bert@example.org", name="Bert", query="?termin=2027-05-12")
    assert last_mail_to("bert@example.org").subject, "a sign-up as on any other date"
    assert own_registrations().get(email="bert@example.org").status == "pending"
    event_page = visitor.get(f"{series.get_absolute_url()}?termin=2027-05-12")
    assert event_page.status_code == 200
    assert "Anmeldung geschlossen" not in event_page.content.decode()
