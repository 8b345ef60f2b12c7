"""Fixtures of the feedback tests: mail delivered at once to mail.outbox, a visitor posting the contact form."""

import pytest

from feedback.forms import new_token
from feedback.models import Feedback

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
URL = "/kontakt/"


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = IMMEDIATE
    settings.PORTAL_FEEDBACK_EMAIL = "iqz-postfach@example.org"


class Visitor:
    """The test client plus the mails it caused (on_commit callbacks run, as after a real commit)."""

    def __init__(self, client, capture):
        self.client = client
        self.capture = capture

    def send(self, url=URL, token=None, **fields):
        data = {"topic": "barriere", "message": "Der Kalender lässt sich nicht mit der Tastatur bedienen.",
                "token": token or new_token(), **fields}
        with self.capture(execute=True):
            return self.client.post(url, data)


@pytest.fixture
def visitor(client, django_capture_on_commit_callbacks, db):
    return Visitor(client, django_capture_on_commit_callbacks)


def stored():
    return list(Feedback.objects.all())
