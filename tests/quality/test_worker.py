"""
The background worker as deployed: `manage.py db_worker` with the production settings on PostgreSQL
(the test database) takes the tasks queued by the portal and the timer (`manage.py enqueue_jobs daily`)
and delivers mail over SMTP (EMAIL_URL) to a local aiosmtpd server.

Runs processes against committed data: serial group.
"""

import os
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller

from tests.familie_portal.test_mail import Mailbox
from tests.quality.support import ROOT, database_url, free_port

pytestmark = [pytest.mark.serial, pytest.mark.django_db]


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **env},
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_the_worker_delivers_queued_mail_and_runs_the_daily_jobs():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    env = {"DJANGO_SETTINGS_MODULE": "familie_portal.settings.production", "SECRET_KEY": "worker-" + "w" * 50,
           "DATABASE_URL": database_url(), "ALLOWED_HOSTS": "familie.example.nrw.de",
           "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}"}
    controller.start()
    try:
        _manage(env, "shell", "-c", "from familie_portal.tasks import send_mail_later; "
                "send_mail_later('Anmeldung eingegangen', 'Danke!', ['eva@example.org'])")
        jobs = _manage(env, "enqueue_jobs", "daily").stdout
        assert "rebuild_search_index" in jobs
        worker = _manage(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1")
        [(sender, recipients, content)] = box.messages
        assert sender == "noreply@familie.example.nrw.de" and recipients == ["eva@example.org"]
        assert "Danke!" in content
        assert "eva@example.org" not in worker.stderr, "no addresses in the worker's log"
        check = ("from django_tasks_db.models import DBTaskResult; "
                 "print(sorted(set(DBTaskResult.objects.values_list('status', flat=True))))")
        assert _manage(env, "shell", "-c", check).stdout.strip().splitlines()[-1] == "['SUCCESSFUL']"
    finally:
        controller.stop()
        _manage(env, "shell", "-c",
                "from django_tasks_db.models import DBTaskResult; DBTaskResult.objects.all().delete()")
