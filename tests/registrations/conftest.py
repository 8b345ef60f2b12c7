"""Fixtures of the registration tests: an event taking sign-ups, mail delivered at once to mail.outbox."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from registrations.models import RegistrationSettings
from tests.events.factories import EventFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LINK = re.compile(r"https?://\S+/anmeldung/(bestaetigen|verwalten)/\S+/")


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = IMMEDIATE


def make_event(*, places=2, waiting_list=True, start=None, **fields):
    event = EventFactory(start=start or timezone.now() + timedelta(days=7), **fields)
    RegistrationSettings.objects.create(
        event=event, enabled=True, places=places, waiting_list=waiting_list, ask_organisation=True,
        ask_phone=True, ask_accessibility=True, ask_dietary=True, ask_message=True,
    )
    return event


@pytest.fixture
def event(db):
    return make_event()


class Visitor:
    """The test client plus the mails it caused (on_commit callbacks run, as after a real commit)."""

    def __init__(self, client, capture):
        self.client = client
        self.capture = capture

    def post(self, url, data=None, **kwargs):
        with self.capture(execute=True):
            return self.client.post(url, data or {}, **kwargs)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def sign_up(self, event, email="anna@example.org", name="Anna Beispiel", query="", **extra):
        data = {"name": name, "email": email, "consent": "on", **extra}
        return self.post(f"/anmeldung/{event.slug}/{query}", data)


@pytest.fixture
def visitor(client, django_capture_on_commit_callbacks, db):
    return Visitor(client, django_capture_on_commit_callbacks)


def link(message, kind: str) -> str:
    """The path of the confirmation ("bestaetigen") or management ("verwalten") link in a mail."""
    for match in LINK.finditer(message.body):
        if match.group(1) == kind:
            return "/" + match.group(0).split("/", 3)[3]
    raise AssertionError(f"no {kind} link in {message.body!r}")


def last_mail_to(address):
    return [m for m in mail.outbox if m.to == [address]][-1]


def own_registrations():
    """The tests' registrations (the demo content brings its own, with demo-… addresses)."""
    from registrations.models import Registration

    return Registration.objects.exclude(email__startswith="demo-")


def own_dates():
    """The dates of the tests' events (EventFactory slugs), not the demo's."""
    from registrations.models import EventDate

    return EventDate.objects.filter(event__slug__startswith="testveranstaltung")
