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
                                   "registration_settings-TOTAL_FORMS": "1"})
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
