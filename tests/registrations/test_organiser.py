"""The organiser's side by mail: a notice on every sign-up and cancellation when the event asks for it."""

import pytest
from django.core import mail

from registrations.models import RegistrationSettings

from .conftest import last_mail_to, link, make_event

pytestmark = pytest.mark.django_db
ORGANISER = "veranstaltung@bochum.example"


def _confirm(visitor, address):
    return visitor.post(link(last_mail_to(address), "bestaetigen"))


def test_the_organiser_hears_of_each_sign_up_and_cancellation(visitor):
    event = make_event(places=1)
    RegistrationSettings.objects.filter(event=event).update(notify_organiser=True, organiser_email=ORGANISER)
    visitor.sign_up(event, email="anna@example.org", name="Anna Beispiel")
    assert not [m for m in mail.outbox if m.to == [ORGANISER]], "a pending sign-up is no registration yet"
    _confirm(visitor, "anna@example.org")
    notice = last_mail_to(ORGANISER)
    assert notice.subject == f"Neue Anmeldung: {event.title}"
    assert "Anna Beispiel hat sich zu diesem Termin angemeldet (bestätigt)" in notice.body
    assert "Bestätigt: 1, auf der Warteliste: 0" in notice.body
    assert "/admin/registrations/eventdate/" in notice.body
    assert "anna@example.org" not in notice.to

    visitor.sign_up(event, email="bert@example.org", name="Bert")
    _confirm(visitor, "bert@example.org")
    assert "Bert hat sich zu diesem Termin angemeldet (Warteliste)" in last_mail_to(ORGANISER).body
    visitor.post(link(last_mail_to("anna@example.org"), "verwalten"), {"action": "cancel"})
    notice = last_mail_to(ORGANISER)
    assert notice.subject == f"Abmeldung: {event.title}"
    assert "Anna Beispiel hat sich von diesem Termin abgemeldet" in notice.body
    assert "Bestätigt: 1, auf der Warteliste: 0" in notice.body, "Bert moved up"
    assert len([m for m in mail.outbox if m.to == [ORGANISER]]) == 3


def test_without_the_switch_the_organiser_gets_nothing_and_the_event_address_is_the_default(visitor):
    event = make_event(registration_email="anmeldung@iqz.example")
    visitor.sign_up(event)
    _confirm(visitor, "anna@example.org")
    assert not [m for m in mail.outbox if m.to == ["anmeldung@iqz.example"]]
    RegistrationSettings.objects.filter(event=event).update(notify_organiser=True)
    visitor.sign_up(event, email="bert@example.org")
    _confirm(visitor, "bert@example.org")
    assert last_mail_to("anmeldung@iqz.example").subject.startswith("Neue Anmeldung")


def test_the_switch_needs_an_address(event):
    from django.core.exceptions import ValidationError

    row = RegistrationSettings.objects.get(event=event)
    row.notify_organiser = True
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "organiser_email" in error.value.message_dict
