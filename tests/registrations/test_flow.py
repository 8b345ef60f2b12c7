"""Sign-up, double opt-in, confirmation, waiting list, cancelling and moving up, through the real URLs."""

import pytest
from django.core import mail
from icalendar import Calendar

from .conftest import last_mail_to, link, make_event, own_dates, own_registrations

pytestmark = pytest.mark.django_db


def _confirm(visitor, address):
    path = link(last_mail_to(address), "bestaetigen")
    page = visitor.get(path)
    assert page.status_code == 200 and b"<form" in page.content, "a GET confirms nothing (mail scanners)"
    return visitor.post(path)


def test_the_event_page_shows_places_and_links_to_the_form(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    assert "noch 2 Plätze frei" in page
    assert f'href="/anmeldung/{event.slug}/"' in page
    assert "csrfmiddlewaretoken" not in page, "the cached event page holds no form"


def test_sign_up_takes_a_place_only_on_confirmation(visitor, event):
    form = visitor.get(f"/anmeldung/{event.slug}/")
    assert form.status_code == 200 and "no-cache" in form["Cache-Control"]
    response = visitor.sign_up(event, organisation="Stadt Bochum", phone="0234 123456",
                               accessibility=["sign_language", "childcare"], dietary="vegetarisch")
    assert response.status_code == 302 and response["Location"] == "/anmeldung/eingegangen/"
    registration = own_registrations().get()
    assert registration.status == "pending" and registration.accessibility == ["sign_language", "childcare"]
    assert own_dates().get().confirmed == 0
    [message] = mail.outbox
    assert message.to == ["anna@example.org"] and "bestätigen" in message.subject
    assert "48 Stunden" in message.body

    assert _confirm(visitor, "anna@example.org").status_code == 200
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert own_dates().get().confirmed == 1
    confirmed = last_mail_to("anna@example.org")
    [(filename, content, mimetype)] = confirmed.attachments
    assert filename == "termin.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == event.title and vevent.walk("VALARM")
    assert "/anmeldung/verwalten/" in confirmed.body
    assert "noch 1 Platz frei" in visitor.get(event.get_absolute_url()).content.decode()


def test_confirmations_beyond_capacity_wait_and_move_up_on_cancel(visitor, event):
    for name in ("anna", "bert", "carla"):
        visitor.sign_up(event, email=f"{name}@example.org", name=name.title())
    for name in ("anna", "bert", "carla"):
        _confirm(visitor, f"{name}@example.org")
    states = dict(own_registrations().values_list("email", "status"))
    assert states == {"anna@example.org": "confirmed", "bert@example.org": "confirmed",
                      "carla@example.org": "waiting"}
    assert "Warteliste" in last_mail_to("carla@example.org").subject
    assert "Warteliste" in visitor.get(event.get_absolute_url()).content.decode()

    manage = link(last_mail_to("anna@example.org"), "verwalten")
    page = visitor.get(manage)
    assert page.status_code == 200 and "Anna" in page.content.decode() and "no-cache" in page["Cache-Control"]
    assert visitor.post(manage, {"action": "cancel"}).status_code == 302
    states = dict(own_registrations().values_list("email", "status"))
    assert states["anna@example.org"] == "cancelled" and states["carla@example.org"] == "confirmed"
    moved = last_mail_to("carla@example.org")
    assert "frei geworden" in moved.subject and moved.attachments
    date_row = own_dates().get()
    assert (date_row.confirmed, date_row.waiting, date_row.cancelled) == (2, 0, 1)


def test_without_waiting_list_a_late_confirmation_is_booked_out(visitor):
    event = make_event(places=1, waiting_list=False)
    visitor.sign_up(event, email="a@example.org")
    visitor.sign_up(event, email="b@example.org")
    _confirm(visitor, "a@example.org")
    page = _confirm(visitor, "b@example.org").content.decode()
    assert "ausgebucht" in page
    assert own_registrations().get(email="b@example.org").status == "booked_out"
    assert "ausgebucht" in visitor.get(event.get_absolute_url()).content.decode()
    response = visitor.sign_up(event, email="c@example.org")
    assert response.status_code == 409 and "ausgebucht" in response.content.decode()
    assert not own_registrations().filter(email="c@example.org").exists()


def test_the_participant_deletes_their_registration(visitor, event):
    visitor.sign_up(event)
    _confirm(visitor, "anna@example.org")
    manage = link(last_mail_to("anna@example.org"), "verwalten")
    response = visitor.post(manage, {"action": "delete"})
    assert response.status_code == 200 and "gelöscht" in response.content.decode()
    assert not own_registrations().exists()
    date_row = own_dates().get()
    assert (date_row.confirmed, date_row.cancelled) == (0, 1), "the counts stay"
    assert visitor.get(manage).status_code == 404


def test_a_series_registers_for_one_date(visitor):
    from datetime import timedelta

    from django.utils import timezone

    from events.calendar import local_date

    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)  # as editors enter times
    event = make_event(places=1, rrule="FREQ=WEEKLY;COUNT=4", start=start)
    second = local_date(event.start + timedelta(weeks=1)).isoformat()
    page = visitor.get(f"{event.get_absolute_url()}?termin={second}").content.decode()
    assert f"/anmeldung/{event.slug}/?termin={second}" in page
    visitor.sign_up(event, query=f"?termin={second}")
    _confirm(visitor, "anna@example.org")
    [row] = own_dates().all()
    assert local_date(row.start).isoformat() == second and row.confirmed == 1
    assert "noch 1 Platz frei" in visitor.get(event.get_absolute_url()).content.decode(), "the first date is free"


def test_english_pages_and_mails(visitor, event):
    form = visitor.get(f"/en/anmeldung/{event.slug}/").content.decode()
    assert "Register" in form or "Sign up" in form
    visitor.post(f"/en/anmeldung/{event.slug}/", {"name": "Ann", "email": "ann@example.org", "consent": "on"})
    message = last_mail_to("ann@example.org")
    assert "Please confirm" in message.subject
    assert "/en/anmeldung/bestaetigen/" in message.body

