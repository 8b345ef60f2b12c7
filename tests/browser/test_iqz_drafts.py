"""
Issue 23's Done-when for drafts, end to end as deployed: gunicorn with the portal's caches on, the worker
delivering mail over SMTP to aiosmtpd in this process, `iqz` and an anonymous visitor in headless Chromium
(tests/browser/iqz_drafts.mjs), on the real clock:

1. `iqz` edits the lead of a published event and saves ("Sichern"): the admin says it is a draft, and the
   visitor still sees the old text.
2. `iqz` chooses "Sofort veröffentlichen" on the draft's form: the visitor sees the new text.
3. `iqz` selects an event with three people registered (two confirmed, one waiting) in the event list and runs
   "zurück in den Entwurf": a confirmation page names the event and the three people; nothing happens until
   confirmed; after the confirmation each of them gets one mail "Termin entfällt", and the event is gone.

Screenshots of each step in artifacts/screenshots/iqz-drafts-*.png. Starts servers against committed data:
serial group.
"""

import json
import subprocess
import time
from datetime import timedelta

import pytest
from django.conf import settings

from tests.browser.servers import portal_with_mail
from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

PREFIX = "browsertest-iqz-"
OLD_MARKER, NEW_MARKER = "Bisheriger Text Browsertest", "Neuer Text Browsertest"
PEOPLE = {"teilnehmerin1@example.org": "confirmed", "teilnehmer2@example.org": "confirmed",
          "teilnehmerin3@example.org": "waiting"}


def _create_events() -> dict:
    """Two published events of the IQZ a week ahead (committed): one to edit, one with registrations."""
    from django.utils import timezone

    from events.models import Event
    from managers.models import Organisation
    from registrations.models import EventDate, Registration, RegistrationSettings

    start = (timezone.now() + timedelta(days=7)).replace(hour=15, minute=0, second=0, microsecond=0)
    organiser = Organisation.objects.filter(municipality__isnull=True).first()
    common = {"start": start, "end": start + timedelta(hours=2), "organiser": organiser,
              "status": Event.Status.PUBLISHED}
    edited = Event.objects.create(slug=f"{PREFIX}elterncafe", title_de="Browsertest: Elterncafé der IQZ",
                                  lead_de=OLD_MARKER, **common)
    registered = Event.objects.create(slug=f"{PREFIX}familienfest", title_de="Browsertest: Familienfest mit Anmeldung",
                                      lead_de="Mit Anmeldung", **common)
    RegistrationSettings.objects.create(event=registered, enabled=True, places=2, waiting_list=True)
    date = EventDate.objects.create(event=registered, start=start)
    for number, (email, status) in enumerate(PEOPLE.items(), start=1):
        Registration.objects.create(event_date=date, name=f"Person {number}", email=email, status=status,
                                    confirmed_at=timezone.now() if status == "confirmed" else None,
                                    waiting_since=timezone.now() if status == "waiting" else None)
    EventDate.objects.filter(pk=date.pk).update(confirmed=2, waiting=1)
    return {"edited": {"id": edited.pk, "path": edited.get_absolute_url()},
            "registered": {"id": registered.pk, "path": registered.get_absolute_url(), "title": registered.title_de}}


def _outcome(events: dict) -> dict:
    from events.models import Event
    from registrations.models import Registration

    edited = Event.objects.get(pk=events["edited"]["id"])
    registered = Event.objects.get(pk=events["registered"]["id"])
    return {
        "edited": {"lead": edited.lead_de, "status": edited.status,
                   "drafts": Event.objects.filter(draft_of=edited).count()},
        "registered": {"status": registered.status, "active": Registration.objects.filter(
            event_date__event=registered, status__in=Registration.ACTIVE).count()},
    }


def _cleanup() -> None:
    from django_tasks_db.models import DBTaskResult

    from events.models import Event

    Event.objects.filter(slug__startswith=PREFIX).delete()  # their drafts, dates and registrations go with them
    DBTaskResult.objects.all().delete()


@pytest.fixture(scope="module")
def drafts_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        _cleanup()  # a previous run that was killed
        events = _create_events()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path_factory.mktemp("iqz-drafts")
    started = time.monotonic()
    try:
        with portal_with_mail(tmp, secret="iqzdrafts", database=url,
                              env={"PORTAL_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT)}) as portal:
            config = tmp / "config.json"
            config.write_text(json.dumps({
                "baseUrl": portal.server.url, "executablePath": chromium, "screenshotDir": str(SCREENSHOTS),
                "mailDir": str(portal.mail_dir), "password": settings.PORTAL_DEMO_PASSWORD, "events": events,
                "oldMarker": OLD_MARKER, "newMarker": NEW_MARKER, "people": sorted(PEOPLE),
            }))
            result = subprocess.run([node, str(HERE / "iqz_drafts.mjs"), str(config)], cwd=HERE,
                                    capture_output=True, text=True, timeout=420)
            log = portal.server.log()
            with django_db_blocker.unblock():
                outcome = _outcome(events)
    finally:
        with django_db_blocker.unblock():
            _cleanup()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], (f"{report['errors'][0]}\nsteps: {report['steps']}\nserver: {log}\n"
                                    f"worker: {portal.worker_log[-3000:]}\nmails: {portal.mails()}")
    report.update(outcome=outcome, seconds=time.monotonic() - started)
    return report


def test_the_iqz_save_of_a_published_event_is_a_draft(drafts_run):
    saved = drafts_run["saved"]
    assert saved["url"].startswith("/admin/events/event/") and saved["url"].endswith("/change/")  # the draft's
    assert "Ihre Änderungen sind als Entwurf gespeichert" in saved["message"]
    assert saved["publishNowButton"] is True
    assert drafts_run["visitorAfterSave"] == {"old": True, "new": False}


def test_publish_now_shows_the_new_text_to_the_visitor(drafts_run):
    assert "Ihre Änderungen sind veröffentlicht" in drafts_run["published"]["message"]
    assert drafts_run["visitorAfterPublish"] == {"old": False, "new": True}
    edited = drafts_run["outcome"]["edited"]
    assert edited == {"lead": NEW_MARKER, "status": "published", "drafts": 0}


def test_bulk_withdrawal_asks_with_the_number_of_people_then_mails_each(drafts_run):
    confirm = drafts_run["confirmation"]
    assert "3 Personen sind für kommende Termine angemeldet" in confirm["text"]
    assert "Browsertest: Familienfest mit Anmeldung" in confirm["text"]
    assert confirm["visitorBefore"] is True, "nothing happened before the confirmation"
    assert "3 angemeldete Personen werden per E-Mail benachrichtigt" in drafts_run["withdrawn"]["message"]
    assert drafts_run["visitorAfterWithdrawal"] == 404
    mails = drafts_run["mails"]
    assert sorted(mail["to"] for mail in mails) == sorted(PEOPLE), mails
    assert all(mail["subject"] == "Termin entfällt: „Browsertest: Familienfest mit Anmeldung“" for mail in mails)
    assert drafts_run["outcome"]["registered"] == {"status": "draft", "active": 0}


def test_the_story_left_screenshots(drafts_run):
    for name in ("1-saved-draft", "2-visitor-old", "3-published", "4-visitor-new", "5-confirm", "6-withdrawn"):
        assert (SCREENSHOTS / f"iqz-drafts-{name}.png").stat().st_size > 5_000, name
    print(f"iqz drafts story: {drafts_run['seconds']:.1f} s, steps: {drafts_run['steps']}")  # noqa: T201
