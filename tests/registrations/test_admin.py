"""Organisers in the admin: the settings on the event form, more places move people up, the demo dates."""

import pytest
from django.core import mail
from django.urls import reverse

from registrations.models import RegistrationSettings
from tests.authz.support import admin_form_data

from .conftest import last_mail_to, link, own_dates, own_registrations

pytestmark = pytest.mark.django_db


def test_more_places_move_the_waiting_list_up(iqz_client, visitor, event, django_capture_on_commit_callbacks):
    for name in ("anna", "bert", "carla", "dora"):
        visitor.sign_up(event, email=f"{name}@example.org")
        visitor.post(link(last_mail_to(f"{name}@example.org"), "bestaetigen"))
    row = own_dates().get()
    assert (row.confirmed, row.waiting) == (2, 2)
    url = reverse("admin:registrations_eventdate_change", args=[row.pk])
    page = iqz_client.get(url).content.decode()
    assert "carla@example.org" in page and "Warteliste" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = iqz_client.post(url, admin_form_data(url, places="3"))
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.confirmed, row.waiting) == (3, 1)
    assert own_registrations().get(email="carla@example.org").status == "confirmed"
    assert "frei geworden" in last_mail_to("carla@example.org").subject
    assert own_registrations().get(email="dora@example.org").status == "waiting"


def test_the_event_form_carries_the_registration_settings(iqz_client):
    from events.models import Event

    event = Event.objects.get(slug="werkstatt-familienfreundliche-stadtplanung")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(url, **{"registration_settings-0-enabled": "on", "registration_settings-0-places": "15",
                                   "registration_settings-TOTAL_FORMS": "1", "_publish_now": "1"})
    assert iqz_client.post(url, data).status_code == 302
    settings = RegistrationSettings.objects.get(event=event)
    assert settings.enabled and settings.places == 15
    assert not mail.outbox


def test_demo_workshops_open_nearly_full_and_booked_out(client):
    states = {}
    for slug in ("werkstatt-familienfreundliche-bebauungsplaene", "werkstatt-familienbuero-im-rathaus",
                 "werkstatt-familienbericht-schreiben"):
        states[slug] = client.get(f"/veranstaltungen/{slug}/").content.decode()
    assert "noch 19 Plätze frei" in states["werkstatt-familienfreundliche-bebauungsplaene"]
    assert "noch 1 Platz frei" in states["werkstatt-familienbuero-im-rathaus"]
    assert "ausgebucht" in states["werkstatt-familienbericht-schreiben"]


def test_a_message_reaches_every_confirmed_participant_alone(iqz_client, visitor, django_capture_on_commit_callbacks):
    from .conftest import make_event

    event = make_event(places=2)
    for name in ("anna", "bert", "carla"):
        visitor.sign_up(event, email=f"{name}@example.org", name=name.title())
        visitor.post(link(last_mail_to(f"{name}@example.org"), "bestaetigen"))
    visitor.sign_up(event, email="dora@example.org")  # pending: not a participant yet
    row = own_dates().get()
    changelist = iqz_client.get(reverse("admin:registrations_eventdate_changelist")).content.decode()
    url = reverse("admin:registrations_eventdate_message", args=[row.pk])
    assert f'href="{url}"' in changelist
    page = iqz_client.get(url)
    assert page.status_code == 200 and "An 2 bestätigte Personen" in page.content.decode()
    assert iqz_client.post(url, {"subject": "", "text": "x"}).status_code == 200, "a form error, nothing sent"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = iqz_client.post(url, {"subject": "Raumänderung\r\nBcc: x@example.org",
                                         "text": "Wir sind in Raum 2."})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bert@example.org"]
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert message.subject == "Raumänderung Bcc: x@example.org"
        assert "Wir sind in Raum 2." in message.body and "/anmeldung/verwalten/" in message.body
        assert "carla" not in message.body
