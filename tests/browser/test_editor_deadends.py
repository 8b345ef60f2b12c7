"""
No dead ends for editors (issue 23, part 4), in headless Chromium against gunicorn (tests/browser/editor_deadends.mjs):

1. `iqz` approves the draft of a published profile that `bochum` submitted, and lands on the published profile's
   form with the message (the merged draft's address is gone).
2. In an event's form, the series in words follows the series fields while `iqz` types, with the number of dates
   ("… außer am 29.12.… – ergibt 5 Termine"), and bad input gets a message instead of the sentence.

Screenshots in artifacts/screenshots/deadends-*.png. Starts a server against committed data: serial group.
"""

import json
import subprocess
from datetime import datetime, time, timedelta

import pytest
from django.conf import settings

from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import Server, database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

PROFILE_SLUG, EVENT_SLUG = "browsertest-sackgassen-kim", "browsertest-sackgassen-serie"


def _create() -> dict:
    """A published profile of Bochum with a draft `bochum` submitted, a weekly draft event of the IQZ (committed)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from events.models import Event
    from familie_portal import drafts
    from managers.models import Municipality, Organisation
    from reviews import services
    from tests.managers.factories import FamilyManagerFactory

    profile = FamilyManagerFactory(name="Kim Browsertest", slug=PROFILE_SLUG,
                                   municipalities=[Municipality.objects.get(slug="bochum")])
    draft = drafts.copy_to_draft(profile)
    draft.name = "Kim Browsertest (neu)"
    draft.save()
    services.submit_for_review(obj=draft, user=get_user_model().objects.get(username="bochum"), comment="Neuer Name")
    # The next Tuesday at least a week ahead, 10:00; the fifth Tuesday is left out.
    today = timezone.localdate()
    first = today + timedelta(days=7 + (1 - today.weekday()) % 7)
    start = timezone.make_aware(datetime.combine(first, time(10, 0)))
    event = Event.objects.create(slug=EVENT_SLUG, title_de="Browsertest: Serie", start=start,
                                 end=start + timedelta(hours=2), organiser=Organisation.objects.get(slug="iqz"),
                                 status=Event.Status.DRAFT, rrule="FREQ=WEEKLY;COUNT=3")
    return {"profile": {"draftId": draft.pk, "originalId": profile.pk},
            "event": {"id": event.pk, "exdate": (first + timedelta(weeks=4)).strftime("%d.%m.%Y")}}


def _cleanup() -> None:
    from events.models import Event
    from managers.models import FamilyManager
    from reviews.models import Review

    FamilyManager.objects.filter(slug__startswith=PROFILE_SLUG).delete()
    FamilyManager.objects.filter(name__startswith="Kim Browsertest").delete()
    Event.objects.filter(slug=EVENT_SLUG).delete()
    Review.objects.filter(title__startswith="Kim Browsertest").delete()


@pytest.fixture(scope="module")
def story(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        _cleanup()
        data = _create()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    config = tmp_path_factory.mktemp("deadends") / "config.json"
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60"}, threads=4)
    try:
        config.write_text(json.dumps({"baseUrl": server.url, "executablePath": chromium,
                                      "screenshotDir": str(SCREENSHOTS), "password": settings.PORTAL_DEMO_PASSWORD,
                                      **data}))
        result = subprocess.run([node, str(HERE / "editor_deadends.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=300)
        log = server.log()
    finally:
        server.stop()
        with django_db_blocker.unblock():
            _cleanup()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], f"{report['errors'][0]}\nsteps: {report['steps']}\nserver: {log[-3000:]}"
    return {**report, **data}


def test_iqz_approves_a_profile_draft_and_lands_on_the_profile_with_the_message(story):
    landing = story["landing"]
    assert landing["path"] == f"/admin/managers/familymanager/{story['profile']['originalId']}/change/"
    assert any(message.startswith("Freigegeben und veröffentlicht.") for message in landing["messages"]), landing
    assert story["compareLink"] is True, "the approval screen links the comparison"


def test_the_series_in_words_follows_the_fields_while_typing(story):
    assert "3-mal – ergibt 3 Termine" in story["wordsAsSaved"]
    exdate = story["event"]["exdate"]
    assert story["wordsTyped"] == f"jede Woche am Dienstag, 6-mal, außer am {exdate} – ergibt 5 Termine"
    assert story["wordsBad"].startswith("oder Anzahl der Termine:")
    assert story["pageErrors"] == [] and story["consoleErrors"] == []
    for name in ("1-profile-approved", "2-series-words", "3-series-words-bad-input"):
        assert (SCREENSHOTS / f"deadends-{name}.png").stat().st_size > 5_000, name
