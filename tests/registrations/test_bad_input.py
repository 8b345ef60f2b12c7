"""Bad input on every registration URL: a clear message, never a 500, nothing stored that should not be."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from registrations import tokens
from registrations.models import RegistrationSettings

from .conftest import last_mail_to, link, make_event, own_dates, own_registrations

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "keine-adresse", "gültige E-Mail-Adresse"),
    ("email", "a@b@example.org", "gültige E-Mail-Adresse"),
    ("name", "", "Dieses Feld ist zwingend erforderlich"),
    ("name", "x" * 201, "höchstens 200 Zeichen"),
    ("name", "Anna\x01", "unzulässige Zeichen"),
    ("phone", "ruf mich an", "Telefonnummer aus Ziffern"),
    ("accessibility", "rollschuhe", "gültige Auswahl"),
    ("message", "x" * 2001, "höchstens 2000 Zeichen"),
    ("consent", "", "Bitte stimmen Sie der Verarbeitung"),
])
def test_malformed_fields_are_errors_at_the_field(visitor, event, field, value, message):
    data = {"name": "Anna", "email": "anna@example.org", "consent": "on", field: value}
    response = visitor.post(f"/anmeldung/{event.slug}/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}_error"' in page, "the error sits at its field"
    assert not own_registrations().exists() and not mail.outbox


def test_nul_bytes_and_huge_values_are_no_server_error(visitor, event):
    response = visitor.post(f"/anmeldung/{event.slug}/", {"name": "A\x00", "email": "x" * 5000, "consent": "on"})
    assert response.status_code in (200, 400)
    assert not own_registrations().exists()


def test_the_honeypot_stores_and_sends_nothing(visitor, event):
    response = visitor.sign_up(event, website="http://spam.example")
    assert response.status_code == 302
    assert not own_registrations().exists() and not mail.outbox


def test_double_submission_keeps_one_registration_and_mails_the_links_again(visitor, event):
    visitor.sign_up(event)
    second = visitor.sign_up(event, email="ANNA@example.org")
    assert second.status_code == 302, "the page says the same as for a new address: nothing leaks"
    assert own_registrations().count() == 1
    assert len(mail.outbox) == 2 and "/anmeldung/bestaetigen/" in mail.outbox[1].body
    visitor.post(link(mail.outbox[1], "bestaetigen"))
    visitor.sign_up(event)
    assert "bereits angemeldet" in last_mail_to("anna@example.org").body
    assert own_registrations().count() == 1


def test_forged_reused_and_expired_tokens(visitor, event):
    visitor.sign_up(event)
    confirm = link(mail.outbox[0], "bestaetigen")
    assert visitor.get("/anmeldung/bestaetigen/abc/").status_code == 404
    forged = confirm[:-3] + ("A" if confirm[-2] != "A" else "B") + "/"
    page = visitor.post(forged)
    assert page.status_code == 404 and "ungültig" in page.content.decode()
    manage_as_confirm = link(mail.outbox[0], "bestaetigen").replace("bestaetigen", "verwalten")
    assert visitor.get(manage_as_confirm).status_code == 404, "the salts keep the two links apart"
    assert visitor.post(confirm).status_code == 200
    again = visitor.post(confirm)
    assert again.status_code == 200 and "bestätigt" in again.content.decode()
    assert own_dates().get().confirmed == 1, "a reused link takes no second place"

    visitor.sign_up(event, email="bert@example.org")
    late = link(last_mail_to("bert@example.org"), "bestaetigen")
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        page = visitor.post(late)
    assert page.status_code == 410 and "abgelaufen" in page.content.decode()
    assert own_registrations().get(email="bert@example.org").status == "pending"


def test_a_token_of_a_deleted_registration(visitor, event):
    registration = own_registrations().create(event_date=own_dates().create(event=event, start=event.start),
                                               name="X", email="x@example.org")
    token = tokens.manage_token(registration)
    registration.delete()
    assert visitor.get(f"/anmeldung/verwalten/{token}/").status_code == 404


def test_past_dates_closed_registration_and_unknown_dates(visitor):
    past = make_event(start=timezone.now() - timedelta(days=1))
    response = visitor.sign_up(past)
    assert response.status_code == 409 and "geschlossen" in response.content.decode()
    assert "geschlossen" in visitor.get(f"/anmeldung/{past.slug}/").content.decode()

    later = make_event()
    RegistrationSettings.objects.filter(event=later).update(opens_at=timezone.now() + timedelta(days=1))
    assert "noch nicht geöffnet" in visitor.sign_up(later).content.decode()
    RegistrationSettings.objects.filter(event=later).update(opens_at=None,
                                                            closes_at=timezone.now() - timedelta(hours=1))
    assert "geschlossen" in visitor.sign_up(later).content.decode()
    RegistrationSettings.objects.filter(event=later).update(enabled=False)
    assert visitor.get(f"/anmeldung/{later.slug}/").status_code == 404
    assert visitor.get("/anmeldung/gibt-es-nicht/").status_code == 404
    series = make_event(rrule="FREQ=WEEKLY;COUNT=2")
    for value in ("morgen", "1900-01-01", "2026-02-30", "9999-12-31"):
        assert visitor.get(f"/anmeldung/{series.slug}/?termin={value}").status_code == 404
    assert not own_registrations().exists()


def test_confirming_after_the_date_began_takes_no_place(visitor):
    event = make_event(start=timezone.now() + timedelta(hours=1))
    visitor.sign_up(event)
    with time_machine.travel(event.start + timedelta(minutes=5)):
        page = visitor.post(link(mail.outbox[0], "bestaetigen"))
    assert page.status_code == 200 and "ausgebucht" in page.content.decode()
    assert own_dates().get().confirmed == 0


def test_rate_limits_per_ip_and_per_address(visitor, event, settings):
    settings.PORTAL_REGISTRATION_LIMIT_PER_EMAIL = 2
    for _ in range(2):
        assert visitor.sign_up(event).status_code == 302
    page = visitor.sign_up(event)
    assert page.status_code == 429 and "E-Mail-Adresse" in page.content.decode()
    settings.PORTAL_REGISTRATION_LIMIT_PER_IP = 4
    assert visitor.sign_up(event, email="new@example.org").status_code == 302
    page = visitor.sign_up(event, email="other@example.org")
    assert page.status_code == 429 and "Anschluss" in page.content.decode()
    assert own_registrations().count() == 2
