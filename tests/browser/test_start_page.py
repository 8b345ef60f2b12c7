"""
The start page story of issue 23 as deployed (gunicorn with the portal's caches on, worker, SMTP sink), in
headless Chromium (tests/browser/start_page.mjs): `bochum` reaches the CMS editor of its own page in one
click from the start page, in edit mode, on a new draft of the published page; the toolbar's "Hilfe" leads to
the portal's help and nowhere else; `iqz` sees the review queue sorted by age; "Zugangsdaten vergessen?" on
the login page answers. Screenshots in artifacts/screenshots/start-*.png. Starts servers against committed
data: serial group.
"""

import json
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings

from tests.browser.servers import portal_with_mail
from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

PREFIX = "browsertest-startseite-"
# Handed in by bochum and gelsenkirchen: (title, days waiting). The queue shows the oldest first.
SUBMISSIONS = [("Browsertest: seit gestern", 1, "bochum"), ("Browsertest: seit einer Woche", 7, "gelsenkirchen"),
               ("Browsertest: seit drei Tagen", 3, "bochum")]


def _submit() -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from events.models import Event
    from managers.models import Organisation
    from reviews import services
    from reviews.models import Review

    start = (timezone.now() + timedelta(days=10)).replace(hour=15, minute=0, second=0, microsecond=0)
    for number, (title, days, username) in enumerate(SUBMISSIONS):
        event = Event.objects.create(slug=f"{PREFIX}{number}", title_de=title, start=start,
                                     end=start + timedelta(hours=2), status=Event.Status.DRAFT,
                                     organiser=Organisation.objects.get(slug=f"stadt-{username}"))
        review = services.submit_for_review(obj=event, user=get_user_model().objects.get(username=username),
                                            comment="Browsertest")
        Review.objects.filter(pk=review.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def _bochum_page_drafts() -> list[int]:
    from cms.models import PageContent
    from djangocms_versioning.constants import DRAFT
    from djangocms_versioning.models import Version

    return [content.pk for content in PageContent.admin_manager.filter(page__reverse_id="kommune-bochum")
            if Version.objects.get_for_content(content).state == DRAFT]


def _cleanup() -> None:
    """The demo as loaded: no test events or their reviews, no draft of the Bochum page, no tasks."""
    from cms.models import PageContent
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult
    from djangocms_versioning.models import Version

    from events.models import Event
    from reviews.models import Review

    events = Event.objects.filter(slug__startswith=PREFIX)
    Review.objects.filter(content_type=ContentType.objects.get_for_model(Event),
                          object_id__in=[str(pk) for pk in events.values_list("pk", flat=True)]).delete()
    events.delete()
    for pk in _bochum_page_drafts():
        Version.objects.get_for_content(PageContent.admin_manager.get(pk=pk)).delete()
    DBTaskResult.objects.all().delete()


@pytest.fixture(scope="module")
def start_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        _cleanup()  # a previous run that was killed
        assert _bochum_page_drafts() == [], "the demo's Bochum page is published, without a draft"
        _submit()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path_factory.mktemp("start")
    try:
        with portal_with_mail(tmp, secret="start", database=url,
                              env={"PORTAL_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT)}) as portal:
            config = tmp / "config.json"
            config.write_text(json.dumps({
                "baseUrl": portal.server.url, "executablePath": chromium, "screenshotDir": str(SCREENSHOTS),
                "mediaRoot": str(settings.MEDIA_ROOT), "password": settings.PORTAL_DEMO_PASSWORD,
            }))
            result = subprocess.run([node, str(HERE / "start_page.mjs"), str(config)], cwd=HERE,
                                    capture_output=True, text=True, timeout=300)
            log = portal.server.log()
            with django_db_blocker.unblock():
                drafts = _bochum_page_drafts()
    finally:
        with django_db_blocker.unblock():
            _cleanup()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], f"{report['errors'][0]}\nsteps: {report['steps']}\nserver: {log}"
    report["drafts"] = drafts
    return report


def test_bochum_reaches_the_editor_of_its_own_page_in_one_click(start_run):
    assert start_run["bochumSteps"] == ["Ihre Kommunalseite bearbeiten", "Neue Veranstaltung", "Profil anlegen"]
    editor = start_run["editor"]
    assert len(start_run["drafts"]) == 1, "the click made one draft of the published page"
    assert editor["path"].startswith("/admin/cms/placeholder/object/")
    assert editor["path"].endswith(f"/edit/{start_run['drafts'][0]}/"), "the editor of Bochum's draft"
    assert editor["mode"] == "draft", "in edit mode"
    assert editor["model"] == "cms.pagecontent"


def test_the_toolbar_help_is_the_portals(start_run):
    assert start_run["editor"]["hasHilfe"] is True
    assert start_run["hilfeVisible"] is True, "the menu opens"
    assert start_run["editor"]["foreignLinks"] == []
    assert start_run["helpTitle"].strip() == "Seite bearbeiten"


def test_iqz_sees_the_review_queue_oldest_first(start_run):
    queue = [title for title in start_run["iqzQueue"] if title.startswith("Browsertest")]
    assert queue == [title for title, _days, _user in sorted(SUBMISSIONS, key=lambda s: -s[1])]
    waiting = [detail for detail in start_run["iqzWaiting"] if "Browsertest" in detail]
    assert waiting[0].startswith("Wartezeit: 1\xa0Woche")


def test_the_password_reset_answers_and_the_start_pages_pass_axe(start_run):
    assert start_run["resetDone"].strip() == "E-Mail unterwegs"
    assert start_run["axe"] == {"bochum-start": [], "iqz-start": []}
    for name in ("1-bochum", "2-bochum-editor", "3-toolbar-hilfe", "4-help", "5-iqz", "6-password-reset",
                 "7-password-reset-done"):
        assert (SCREENSHOTS / f"start-{name}.png").stat().st_size > 5_000, name
