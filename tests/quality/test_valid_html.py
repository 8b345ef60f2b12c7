"""
Every public page in every state and every language passes the W3C Nu Html Checker (vnu-jar, from
tests/browser/node_modules) with 0 errors.

One session fixture renders tests/quality/urls.py HTML_STATES plus the states that need data of their
own (a date taking sign-ups: its form, the form with errors, the confirmation and management pages,
an expired link, a refused page) through the test client, in each language of settings.LANGUAGES (the
German page's hreflang links name the other languages' addresses: tests/quality/urls.py path_in),
writes each page to a folder and runs the checker ONCE over the folder (one JVM start). Each page is
then a test of its own, its messages in the failure text.

Needs java and tests/browser/node_modules/vnu-jar (`make test` runs scripts/ensure-browser.sh). Without
them the tests skip loudly, and fail under CI=true. Serial group: the fixture renders ~275 pages once;
split over two workers it would render them twice.
"""

import json
import re
import shutil
import subprocess
import time
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client

from tests.browser.test_public_pages import HERE, _require
from tests.quality.support import ROOT
from tests.quality.urls import HTML_STATES, State, languages, path_in

pytestmark = [pytest.mark.serial, pytest.mark.django_db]

VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PINNED = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
LANGUAGES = languages()
# One short JVM run: the client compiler only (a third of the CPU time of the default for a few hundred pages) and
# the deeper stack it needs for the checker's schema (vnu asks for at least 512k; C1 frames are bigger).
JVM_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

# States built by the fixture from data of their own (names only here: the parametrization needs them).
DATA_STATES = ["event-registration", "register-form-errors", "register-done",
               "registration-confirm", "registration-manage", "registration-expired-410", "forbidden-403"]
PAGE_IDS = [f"{name}.{lang}" for name in [s.name for s in HTML_STATES] + DATA_STATES for lang in LANGUAGES]

# Documented false positives of the checker, each with its reason. Nothing else may be filtered.
IGNORED = [
    # None yet.
]


def _java() -> str:
    java = shutil.which("java")
    _require(java is not None, "no java for the HTML checker (install `default-jre-headless`; "
                               "scripts/ensure-browser.sh does as root)")
    _require(VNU_JAR.is_file(), "tests/browser/node_modules/vnu-jar missing: run `npm ci` in tests/browser")
    return java


def _data_states() -> tuple[list[tuple[State, dict | None]], str]:
    """A date a week ahead taking sign-ups, one registration on it: the states that need them (committed
    nowhere: the fixture rolls back)."""
    from events.models import Event
    from managers.models import Organisation
    from registrations import tokens
    from registrations.models import RegistrationSettings
    from registrations.services import registration_create
    from registrations.views import _occurrence

    start = (PINNED + timedelta(days=7)).replace(hour=9, minute=0)
    event = Event.objects.create(
        slug="html-pruefung-anmeldung", title_de="HTML-Prüfung: Werkstatt mit Anmeldung",
        title_en="HTML check: workshop",
        lead_de="Eine Werkstatt mit Anmeldung.", start=start, end=start + timedelta(hours=3),
        organiser=Organisation.objects.get(slug="iqz"), status=Event.Status.PUBLISHED, venue_city="Bochum",
    )
    registration_settings = RegistrationSettings.objects.create(
        event=event, enabled=True, places=5, waiting_list=True, ask_organisation=True, ask_phone=True,
        ask_accessibility=True, ask_dietary=True, ask_message=True,
    )
    registration = registration_create(
        occurrence=_occurrence(event, ""), registration_settings=registration_settings,
        data={"name": "Hanna Prüfung", "email": "hanna.pruefung@example.org", "consent": True},
        language="de", base_url="http://testserver",
    ).registration
    register = f"/anmeldung/{event.slug}/"
    bad_form = {"name": "", "email": "keine-adresse", "phone": "x" * 300}
    return [
        (State("event-registration", event.get_absolute_url()), None),
        (State("register-form-errors", register), bad_form),
        (State("register-done", "/anmeldung/eingegangen/"), None),
        (State("registration-confirm", f"/anmeldung/bestaetigen/{tokens.confirm_token(registration)}/"), None),
        (State("registration-manage", f"/anmeldung/verwalten/{tokens.manage_token(registration)}/"), None),
    ], tokens.confirm_token(registration)


def _fetch(client, path, data):
    if data is not None and "password" in data:
        from axes.utils import reset

        reset()  # each language's failed login is a first failure, not django-axes' lockout (429)
    return client.post(path, data) if data is not None else client.get(path)


def _render_all(folder) -> dict[str, str]:
    """Writes <name>.<lang>.html for every state; returns the problems met on the way (wrong status)."""
    from familie_portal.views import FeedsView

    problems = {}
    client = Client()

    def render(state: State, data=None, expected=None):
        german = _fetch(client, state.path, data)
        german_html = german.content.decode()
        for language in LANGUAGES:
            page_id = f"{state.name}.{language}"
            response = german if language == settings.LANGUAGE_CODE else _fetch(
                client, path_in(language, state.path, german_html), data)
            if response.status_code != (expected or state.status):
                problems[page_id] = f"status {response.status_code} (expected {expected or state.status})"
            (folder / f"{page_id}.html").write_bytes(response.content)

    for state in HTML_STATES:
        render(state, dict(state.post) if state.post else None)
    data_states, confirm_token = _data_states()
    for state, data in data_states:
        render(state, data)
    # The confirmation link after its validity: 410 with the message page.
    with time_machine.travel(PINNED + timedelta(hours=settings.PORTAL_REGISTRATION_CONFIRM_HOURS + 1)):
        render(State("registration-expired-410", f"/anmeldung/bestaetigen/{confirm_token}/", 410))
    # The 403 page, as any view refusing an anonymous visitor shows it.
    with mock.patch.object(FeedsView, "get", side_effect=PermissionDenied):
        render(State("forbidden-403", "/feeds/", 403))
    return problems


def _messages_by_page(output: str, folder) -> dict[str, list[str]]:
    messages = {}
    for message in json.loads(output or '{"messages": []}')["messages"]:
        page_id = message.get("url", "").rsplit("/", 1)[-1].removesuffix(".html")
        text = message.get("message", "")
        extract = message.get("extract", "")
        if any(re.search(pattern, text) for pattern in IGNORED):
            continue
        where = f"line {message.get('lastLine', '?')}"
        messages.setdefault(page_id, []).append(f"{where}: {text} [{extract.strip()[:160]}]")
    return messages


@pytest.fixture(scope="session")
def checked(django_db_setup, django_db_blocker):
    java = _java()
    folder = ROOT / "artifacts" / "html"  # the pages as checked, for a look at a failure
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.monotonic()
    with django_db_blocker.unblock(), time_machine.travel(PINNED), transaction.atomic():
        problems = _render_all(folder)
        transaction.set_rollback(True)
    # A page with an error of each kind the checker must see: proof that it ran and its output is read.
    (folder / "canary.html").write_text('<!DOCTYPE html><html lang="de"><title>x</title><p><div></p>')
    rendered = time.monotonic()
    command = [java, *JVM_OPTIONS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.stderr.startswith("{"), f"the checker did not report: {result.stderr[-2000:]}"
    messages = _messages_by_page(result.stderr, folder)
    (ROOT / "artifacts" / "html-check.json").write_text(json.dumps(
        {"seconds": {"render": round(rendered - started, 1), "check": round(time.monotonic() - rendered, 1)},
         "problems": problems, "messages": messages}, indent=1, ensure_ascii=False))
    return problems, messages, {p.stem for p in folder.glob("*.html")}


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_is_valid_html(checked, page_id):
    problems, messages, rendered = checked
    assert page_id in rendered, f"{page_id} was not rendered"
    assert page_id not in problems, problems.get(page_id)
    assert messages.get(page_id, []) == [], "\n".join(messages[page_id])


def test_the_checker_really_checks(checked):
    """The broken canary page is reported: the checker ran over the folder and its output is read."""
    assert checked[1].get("canary")
