"""
Mail over SMTP (EMAIL_URL) through the worker's task (familie_portal.tasks), against a local SMTP
server (aiosmtpd) started in the test: delivered, retried while the server refuses, logged, given up.
"""

import json
import logging
import os
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import override_settings

from familie_portal.tasks import send_mail_later, send_mail_task
from tests.quality.support import ROOT, free_port

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Mailbox:
    """aiosmtpd handler: keeps what it receives; refuses the first `refuse` recipients with 451."""

    def __init__(self, refuse: int = 0):
        self.messages = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content.decode()))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    def start(refuse: int = 0):
        box = Mailbox(refuse)
        controller = Controller(box, hostname="127.0.0.1", port=free_port())
        controller.start()
        started.append(controller)
        box.port = controller.port
        return box

    started = []
    yield start
    for controller in started:
        controller.stop()


def _smtp_settings(port):
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                             EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_TIMEOUT=5, TASKS=IMMEDIATE,
                             DEFAULT_FROM_EMAIL="noreply@familie.example")


def test_a_mail_is_delivered_over_smtp(smtp):
    box = smtp()
    with _smtp_settings(box.port):
        result = send_mail_task.enqueue("Anmeldung bestätigt", "Hallo!", ["anna@example.org"])
    assert result.status == "SUCCESSFUL"
    [(sender, recipients, content)] = box.messages
    assert sender == "noreply@familie.example" and recipients == ["anna@example.org"]
    assert "Subject: =?utf-8?q?Anmeldung_best=C3=A4tigt?=" in content or "Anmeldung" in content


def test_a_refused_mail_is_retried_and_logged(smtp, caplog, settings):
    settings.PORTAL_MAIL_RETRY_DELAYS = [1, 1, 1]
    box = smtp(refuse=2)
    with _smtp_settings(box.port), caplog.at_level(logging.WARNING, logger="familie_portal.tasks"):
        send_mail_task.enqueue("Erinnerung", "Morgen ist Werkstatt.", ["bernd@example.org"])
    assert len(box.messages) == 1, "delivered on the third attempt"
    warnings = [r for r in caplog.records if r.name == "familie_portal.tasks"]
    assert [r.attempt for r in warnings] == [1, 2]
    assert all("bernd" not in r.getMessage() for r in warnings), "no addresses in the log"


def test_a_mail_is_given_up_after_the_last_retry(caplog, settings):
    settings.PORTAL_MAIL_RETRY_DELAYS = [1]
    with _smtp_settings(free_port()), caplog.at_level(logging.WARNING, logger="familie_portal.tasks"):
        result = send_mail_task.enqueue("Nie zugestellt", "…", ["carla@example.org"])
    errors = [r for r in caplog.records if r.name == "familie_portal.tasks" and r.levelno == logging.ERROR]
    assert len(errors) == 1 and "given up after 2 attempts" in errors[0].getMessage()
    assert result.status == "SUCCESSFUL", "the first attempt handed over to the retry"


@pytest.mark.django_db
def test_send_mail_later_queues_after_commit(django_capture_on_commit_callbacks, settings):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_later("Neu im Kalender", "Ein Termin.", ["dora@example.org"])
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["dora@example.org"]]


def test_email_url_configures_smtp_in_production():
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, "
            "s.TASKS['default']['BACKEND']]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="familie_portal.settings.production", SECRET_KEY="k" * 50,
               DATABASE_URL="postgres://u@127.0.0.1:1/db", ALLOWED_HOSTS="familie.example.nrw.de",
               EMAIL_URL="smtp+tls://portal:pw@mail.example.nrw.de:587")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    assert json.loads(result.stdout) == [
        "django.core.mail.backends.smtp.EmailBackend", "mail.example.nrw.de", 587, True,
        "noreply@familie.example.nrw.de", "django_tasks_db.DatabaseBackend",
    ]


def test_an_attachment_reaches_the_smtp_server(smtp):
    """The registration's .ics travels through the task's arguments (JSON) and over SMTP."""
    box = smtp()
    with _smtp_settings(box.port):
        send_mail_task.enqueue("Anmeldung bestätigt", "Der Termin im Anhang.", ["eva@example.org"],
                               attachments=[["termin.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"]])
    [(_sender, _recipients, content)] = box.messages
    assert 'filename="termin.ics"' in content and "text/calendar" in content
