"""
Withdrawn consent takes a person offline at once (issue 23, part 1), end to end in headless Chromium
(tests/browser/consent.mjs) against gunicorn with the portal's caches on:

1. An anonymous visitor finds a published Bochum profile with a photo in the directory, on the map
   (Bochum's count) and on its profile page; the photo's URL answers 200 (caches warm).
2. `bochum` (Bochum needs review, as the demo loads it) signs in, opens the profile, unticks
   "Einwilligung in die Veröffentlichung" and saves: the message says the profile is offline now.
3. The same visitor, next request: the person is not in the directory, Bochum's count on the map is one
   less, the profile page answers 404, and so does the photo's URL.

The profile is made for the test (committed, removed afterwards): the demo's own profiles and their
photos stay as they are for the other tests. Screenshots in artifacts/screenshots/consent-*.png.
Starts a server against committed data: serial group.
"""

import json
import subprocess

import pytest
from django.conf import settings

from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import Server, database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

SLUG = "browsertest-wilma-widerruf"
NAME = "Wilma Widerruf-Browsertest"


def _create_profile() -> dict:
    from managers.models import FamilyManager, Municipality
    from tests.managers.factories import png_upload

    bochum = Municipality.objects.get(slug="bochum")
    assert bochum.review_required, "the demo's Bochum needs review"
    profile = FamilyManager.objects.create(
        name=NAME, slug=SLUG, role="Familienbüro", status=FamilyManager.Status.PUBLISHED,
        consent_to_publication=True, consent_date="2024-05-02", photo=png_upload("wilma.png", width=300, height=300,
                                                                                colour="#7a3b00"),
        photo_alt="Porträt", email="wilma@example.org", show_email=True,
    )
    profile.municipalities.set([bochum])
    return {"id": profile.pk, "path": profile.get_absolute_url(), "name": NAME}


def _outcome(pk: int) -> dict:
    from managers.models import FamilyManager

    profile = FamilyManager.objects.get(pk=pk)
    return {"photo": profile.photo.name, "email": profile.email, "consent": profile.consent_to_publication,
            "status": profile.status, "drafts": FamilyManager.objects.filter(draft_of=profile).count()}


def _cleanup() -> None:
    from managers.models import FamilyManager

    FamilyManager.objects.filter(slug__startswith="entwurf-" + SLUG).delete()
    FamilyManager.objects.filter(slug=SLUG).delete()


@pytest.fixture(scope="module")
def consent_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        _cleanup()  # a previous run that was killed
        profile = _create_profile()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path_factory.mktemp("consent")
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60", "PORTAL_CACHES": "true",
                         "PORTAL_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT)}, threads=4)
    try:
        config = tmp / "config.json"
        config.write_text(json.dumps({
            "baseUrl": server.url, "executablePath": chromium, "screenshotDir": str(SCREENSHOTS),
            "mediaRoot": str(settings.MEDIA_ROOT), "password": settings.PORTAL_DEMO_PASSWORD, "profile": profile,
        }))
        result = subprocess.run([node, str(HERE / "consent.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=300)
        log = server.log()
        with django_db_blocker.unblock():
            outcome = _outcome(profile["id"])
    finally:
        server.stop()
        with django_db_blocker.unblock():
            _cleanup()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], f"{report['errors'][0]}\nsteps: {report['steps']}\nserver: {log[-3000:]}"
    report["outcome"] = outcome
    return report


def test_the_visitor_saw_the_person_before(consent_run):
    before = consent_run["before"]
    assert before["directory"] and before["profile"] == 200 and before["photo"] == 200
    assert before["mapCount"] >= 1


def test_bochum_withdraws_the_consent_and_is_told_the_profile_is_offline(consent_run):
    message = consent_run["message"]
    assert "Das Profil ist jetzt offline" in message and "Sie haben die Einwilligung" in message, message
    assert "Entwurf" not in message
    assert consent_run["outcome"] == {"photo": "", "email": "", "consent": False, "status": "draft", "drafts": 0}


def test_the_visitor_finds_the_person_nowhere_at_the_next_request(consent_run):
    before, after = consent_run["before"], consent_run["after"]
    assert after["directory"] is False
    assert after["mapCount"] == before["mapCount"] - 1
    assert after["profile"] == 404
    assert after["photo"] == 404
    for name in ("1-visitor-before", "2-bochum-form", "3-bochum-saved", "4-visitor-directory", "5-visitor-map",
                 "6-visitor-profile"):
        assert (SCREENSHOTS / f"consent-{name}.png").stat().st_size > 5_000, name
