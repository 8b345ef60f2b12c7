"""
The Done-when of issue 14 (online registration), end to end as deployed: gunicorn with the portal's caches on
(as production), `manage.py db_worker` with the production settings delivering mail over SMTP (EMAIL_URL) to a
real SMTP server on localhost (aiosmtpd, in this process), and two visitors in headless Chromium
(tests/browser/register.mjs) for a date with one place: A signs up and confirms through the mail's link, B
signs up and is put on the waiting list, A cancels through the management link of the mail, B gets the
"moved up" mail, and the (cached) event page shows each state. Then B cancels too and the place is offered
again. axe-core (tests/browser/axe.mjs) on the form, the confirmation, the management and the event page; screenshots
in artifacts/screenshots/registration-*.png.

Starts servers against committed data: serial group.
"""

import json
import subprocess
import time
from datetime import timedelta

import pytest

from tests.browser.servers import portal_with_mail
from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

SLUG = "browsertest-anmeldung-ein-platz"
VISITORS = {"a": {"name": "Anna Erste", "email": "anna.erste@example.org"},
            "b": {"name": "Bernd Zweiter", "email": "bernd.zweiter@example.org"}}


def _create_event() -> str:
    """A published IQZ workshop a week ahead with portal registration, one place and a waiting list (committed)."""
    from django.utils import timezone

    from events.models import Event
    from managers.models import Organisation
    from registrations.models import RegistrationSettings

    organiser, _ = Organisation.objects.get_or_create(slug="iqz", defaults={"name": "IQZ"})
    start = (timezone.now() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    event = Event.objects.create(slug=SLUG, title_de="Browsertest: Werkstatt mit einem Platz", start=start,
                                 end=start + timedelta(hours=3), organiser=organiser,
                                 status=Event.Status.PUBLISHED)
    RegistrationSettings.objects.create(event=event, enabled=True, places=1, waiting_list=True)
    return event.get_absolute_url()


def _registrations() -> dict:
    from registrations.models import EventDate, Registration

    rows = Registration.objects.filter(event_date__event__slug=SLUG)
    date = EventDate.objects.get(event__slug=SLUG)
    return {"states": dict(rows.values_list("email", "status")), "confirmed": date.confirmed, "waiting": date.waiting}


def _cleanup():
    from django_tasks_db.models import DBTaskResult

    from events.models import Event

    Event.objects.filter(slug=SLUG).delete()
    DBTaskResult.objects.all().delete()


@pytest.fixture(scope="module")
def registration_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        _cleanup()  # a previous run that was killed
        event_path = _create_event()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path_factory.mktemp("registration")
    started = time.monotonic()
    try:
        with portal_with_mail(tmp, secret="registration", database=url) as portal:
            config = tmp / "config.json"
            config.write_text(json.dumps({
                "baseUrl": portal.server.url, "executablePath": chromium, "screenshotDir": str(SCREENSHOTS),
                "mailDir": str(portal.mail_dir), "eventPath": event_path, "visitors": VISITORS,
            }))
            browser_started = time.monotonic()
            result = subprocess.run([node, str(HERE / "register.mjs"), str(config)], cwd=HERE,
                                    capture_output=True, text=True, timeout=180)
            browser_seconds = time.monotonic() - browser_started
            log = portal.server.log()
            with django_db_blocker.unblock():
                outcome = _registrations()
    finally:
        with django_db_blocker.unblock():
            _cleanup()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], (f"{report['errors'][0]}\nsteps: {report['steps']}\nserver: {log}\n"
                                    f"worker: {portal.worker_log[-3000:]}\nmails: {portal.mails()}")
    report.update(outcome=outcome, worker_log=portal.worker_log, raw=portal.drop.raw,
                  seconds=time.monotonic() - started, browser_seconds=browser_seconds)
    return report


def test_the_event_page_shows_each_state_of_the_one_place(registration_run):
    assert registration_run["states"] == {
        "before": "noch 1 Platz frei",
        "full": "Alle Plätze vergeben – Anmeldung auf die Warteliste",
        "afterMoveUp": "Alle Plätze vergeben – Anmeldung auf die Warteliste",  # B holds the place A gave back
        "afterAll": "noch 1 Platz frei",
    }


def test_a_confirms_b_waits_a_cancels_and_b_moves_up_with_every_mail_from_smtp(registration_run):
    messages = registration_run["messages"]
    assert "Bitte bestätigen Sie Ihre Anmeldung" in messages["a-sent"]
    assert "Ihre Anmeldung ist bestätigt" in messages["a-confirmed"]
    assert "Sie stehen auf der Warteliste" in messages["b-confirmed"]
    assert "Sie sind abgemeldet" in messages["a-cancelled"]
    assert "Status bestätigt" in messages["b-manage"]
    assert [(mail["to"], mail["subject"].split(":")[0]) for mail in registration_run["mails"]] == [
        ("A", "Bitte bestätigen"), ("A", "Anmeldung bestätigt"),
        ("B", "Bitte bestätigen"), ("B", "Warteliste"),
        ("A", "Abgemeldet"), ("B", "Ein Platz ist frei geworden"), ("B", "Abgemeldet"),
    ]
    assert "nachgerückt" in registration_run["movedUpBody"]
    assert registration_run["outcome"] == {"states": {VISITORS["a"]["email"]: "cancelled",
                                                      VISITORS["b"]["email"]: "cancelled"},
                                           "confirmed": 0, "waiting": 0}


def test_the_mails_went_over_smtp_through_the_worker_and_name_nobody_in_its_log(registration_run):
    assert len(registration_run["raw"]) == 7
    confirmed = next(raw for raw in registration_run["raw"] if b"termin.ics" in raw)
    assert b'Content-Disposition: attachment; filename="termin.ics"' in confirmed
    assert VISITORS["a"]["email"] not in registration_run["worker_log"]
    assert VISITORS["b"]["email"] not in registration_run["worker_log"]


def test_the_registration_pages_pass_axe_and_load_nothing_from_elsewhere(registration_run):
    assert registration_run["axe"] == {name: [] for name in ("form", "confirm", "done", "manage", "event",
                                                             "form-phone")}
    assert registration_run["phoneOverflow"] is False
    assert registration_run["consoleErrors"] == [] and registration_run["pageErrors"] == []
    assert registration_run["foreignRequests"] == []
    for name in ("event-open", "a-form", "a-confirmed", "event-full", "a-cancelled", "b-moved-up", "form-phone"):
        assert (SCREENSHOTS / f"registration-{name}.png").stat().st_size > 5_000, name


def test_the_whole_story_stays_quick(registration_run):
    run = registration_run
    print(f"registration story: {run['seconds']:.1f} s (browser {run['browser_seconds']:.1f} s), "  # noqa: T201
          f"steps: {run['steps']}, mails: {run['mails']}")
    assert registration_run["seconds"] < 90
