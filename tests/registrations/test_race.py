"""
Never overbooked: SIGN_UPS confirmations of one date fired at once at a gunicorn (2 workers × 8 threads)
end with exactly the places confirmed and everyone else on the waiting list - on PostgreSQL through the
date's row lock, on the embedded SQLite through its write lock (no 500 either way).

Starts servers against committed data: serial group.
"""

import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest

from tests.quality.support import ROOT, Server, database_url
from tests.registrations.race_data import PLACES, SIGN_UPS

pytestmark = [pytest.mark.serial, pytest.mark.django_db]

DUMMY_TASKS = "django_tasks.backends.dummy.DummyBackend"


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **env},
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _call(env: dict, function: str):
    out = _manage(env, "shell", "-c", f"from tests.registrations.race_data import {function}; {function}()")
    lines = [line for line in out.splitlines() if line.startswith(("[", "{"))]  # not the shell's own notes
    return json.loads(lines[-1]) if lines else None


def _confirm_all(base: str, confirm_tokens: list[str]) -> list[int]:
    ready = threading.Barrier(len(confirm_tokens))

    def confirm(token):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        url = f"{base}/anmeldung/bestaetigen/{token}/"
        try:
            with opener.open(url, timeout=60) as page:  # the button's page: the CSRF cookie and token
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
        except urllib.error.HTTPError as error:
            ready.abort()
            return error.code
        try:
            ready.wait(timeout=120)  # then all at once
        except threading.BrokenBarrierError:
            return 0
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})  # noqa: S310 (local server)
        try:
            with opener.open(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=len(confirm_tokens)) as pool:
        return list(pool.map(confirm, confirm_tokens))


def _race(env: dict) -> None:
    confirm_tokens = _call(env, "create")
    server = Server(env={**env, "PORTAL_TASKS_BACKEND": DUMMY_TASKS}, workers=2, threads=8)
    try:
        statuses = _confirm_all(server.url, confirm_tokens)
        outcome = _call(env, "result")
        log = server.log()
    finally:
        server.stop()
        _call(env, "cleanup")
    assert statuses == [200] * SIGN_UPS, log
    assert outcome == {"confirmed": PLACES, "waiting": SIGN_UPS - PLACES,
                       "states": {"confirmed": PLACES, "waiting": SIGN_UPS - PLACES}}


def test_racing_confirmations_never_overbook_on_postgresql():
    _race({"DATABASE_URL": database_url()})


def test_racing_confirmations_on_sqlite_give_no_server_error(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}"}
    _manage(env, "migrate", "--no-input", "-v", "0")
    _race(env)
