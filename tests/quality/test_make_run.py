"""
`make run` shows a template edit on the next request: the development server (the dev settings,
caches off, Django's autoreloader resetting the template loaders) serves the portal, a designer
changes one template, and the next request shows it. Starts a server and edits a file of the
repository (restored afterwards), so it runs in the serial group.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.quality.support import ROOT, database_url, free_port, get

pytestmark = [pytest.mark.serial, pytest.mark.django_db]

TEMPLATE = ROOT / "templates" / "events" / "includes" / "event_card.html"
URL = "/veranstaltungen/2008/5/"
MARK = "<!-- Ein Designer war hier -->"


def _wait(url: str, predicate, timeout: float = 20) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    status, body = 0, ""
    while time.monotonic() < deadline:
        try:
            status, _headers, raw = get(url, timeout=10)
            body = raw.decode()
            if predicate(status, body):
                break
        except OSError:
            pass
        time.sleep(0.3)
    return status, body


@pytest.fixture
def dev_server():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(DJANGO_SETTINGS_MODULE="familie_portal.settings.dev", DATABASE_URL=database_url())
    log = Path(tempfile.gettempdir()) / f"familie-portal-runserver-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.unlink(missing_ok=True)


def test_a_template_edit_shows_on_the_next_request_of_make_run(dev_server):
    original = TEMPLATE.read_text()
    status, html = _wait(dev_server + URL, lambda status, body: status == 200)
    assert status == 200, html[-2000:]
    assert MARK not in html
    try:
        # Django's StatReloader compares each file's mtime with the one it saw a second earlier. On a
        # busy machine its first look at the templates can come after the first answer, and then this
        # write is what it saw first; a designer who saves again is seen. So save once a second, as an
        # editor's "save" would, until the page shows the edit; a server that does not reload the
        # templates never shows it.
        deadline = time.monotonic() + 20
        html = ""
        while time.monotonic() < deadline and MARK not in html:
            TEMPLATE.write_text(MARK + original)
            status, html = _wait(dev_server + URL, lambda status, body: MARK in body, timeout=2)
        assert MARK in html, "the edited event card shows on the next requests, no restart, no cache"
    finally:
        TEMPLATE.write_text(original)
