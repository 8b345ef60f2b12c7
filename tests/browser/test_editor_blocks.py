"""
The Done-when of the content blocks, in headless Chromium: as `bochum`, an editor signs in through the
login form, opens a new draft of the Bochum page from the toolbar, adds every block through its form
(the image first without alt text: refused at the field, what was typed kept), previews the draft,
publishes it, and an anonymous visitor sees every block at once (the portal's caches on, as in
production). Then axe-core (tests/browser/axe.mjs) at desktop and phone width on the page holding all blocks,
and a screenshot of it (artifacts/screenshots/blocks-desktop.png; README's copy is
docs/screenshots/blocks.png). The editor's long admin lists (events, profiles) fit 1,280 px.
Afterwards the page gets its previous content back, so the other server-based tests see the demo as loaded.
"""

import io
import json
import subprocess
import wave

import pytest
from django.conf import settings

from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import Server, database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

PAGE = "/kommunen/bochum/"
# One text of each block the editor types in (edit_blocks.mjs).
MARKERS = ["Bildunterschrift Browsertest", "Download Browsertest", "Schaltfläche Browsertest",
           "Teaserkarte Browsertest", "Kontakt Browsertest", "Frage Browsertest?", "Antwortlink Browsertest",
           "Spalte 1 Browsertest", "Spalte 2 Browsertest", "Audio Browsertest"]
# The editor's long lists, checked at 1,280 px.
ADMIN_LISTS = ["/admin/events/event/", "/admin/managers/familymanager/"]
BLOCKS = ["ImageBlockPlugin", "DownloadBlockPlugin", "LinkBlockPlugin", "TeaserGridPlugin", "TeaserCardPlugin",
          "ContactBlockPlugin", "AccordionPlugin", "AccordionItemPlugin", "TwoColumnsPlugin", "MediaBlockPlugin"]


def _wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(8000)
        sound.writeframes(b"\x80" * 4000)
    return buffer.getvalue()


def _media_files():
    """The files the editor picks in the media library: the demo's image and PDF, a sound with captions."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from filer.models import File, Image

    owner = get_user_model().objects.get(username="admin")

    def upload(name, content):
        return File.objects.create(file=ContentFile(content, name=name), original_filename=name, owner=owner).pk

    return {
        "image": Image.objects.get(original_filename="qualifizierung.png").pk,
        "pdf": File.objects.get(original_filename="qualifizierung-fragen.pdf").pk,
        "audio": upload("browsertest-ton.wav", _wav()),
        "captions": upload("browsertest-ton.vtt", b"WEBVTT\n\n00:00.000 --> 00:00.500\nHallo\n"),
    }


def _restore(version_pk):
    """The Bochum page as the demo loaded it: a copy of that version, published."""
    from django.contrib.auth import get_user_model
    from djangocms_versioning.models import Version

    admin = get_user_model().objects.get(username="admin")
    Version.objects.get(pk=version_pk).copy(admin).publish(admin)


def _set_bochum_review(required: bool) -> None:
    from managers.models import Municipality

    bochum = Municipality.objects.get(slug="bochum")
    bochum.review_required = required
    bochum.save()  # the page permission follows (reviews.signals)


@pytest.fixture(scope="module")
def editor_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    from cms.models import PageContent
    from djangocms_versioning.models import Version

    with django_db_blocker.unblock():
        url = database_url()
        files = _media_files()
        published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id="kommune-bochum",
                                                                            language="de")).pk
        # `bochum` publishes alone here (this test is about the blocks; review before publishing: tests/reviews).
        _set_bochum_review(False)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60", "PORTAL_CACHES": "true",
                         "PORTAL_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT)}, threads=4)
    try:
        config = tmp_path_factory.mktemp("editor") / "config.json"
        config.write_text(json.dumps({
            "baseUrl": server.url, "executablePath": chromium, "mediaRoot": str(settings.MEDIA_ROOT),
            "screenshot": str(SCREENSHOTS / "blocks-desktop.png"),
            "username": "bochum", "password": settings.PORTAL_DEMO_PASSWORD, "pagePath": PAGE,
            "placeholderName": "Inhalt", "files": files, "linkTarget": "Familienfest im Stadtpark",
            "markers": MARKERS, "adminLists": ADMIN_LISTS,
        }))
        result = subprocess.run([node, str(HERE / "edit_blocks.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=300)
    finally:
        server.stop()
        with django_db_blocker.unblock():
            _restore(published)
            _set_bochum_review(True)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"][0]
    return report


def test_the_editor_adds_every_block_and_the_form_keeps_what_was_typed(editor_run):
    assert set(BLOCKS) <= set(editor_run["blocksAdded"])
    assert editor_run["steps"][0] == f"login -> {PAGE}"
    assert "two columns came with 2 columns" in editor_run["steps"]
    assert editor_run["formErrors"]["ImageBlockPlugin"] == [
        "Bitte beschreiben Sie das Bild oder kreuzen Sie „Nur Schmuck“ an."]
    assert editor_run["formErrors"]["keptCaption"] == "Bildunterschrift Browsertest"


def test_the_preview_shows_the_draft_and_the_visitor_the_published_page_only(editor_run):
    assert editor_run["before"] == {"status": 200, "shown": [], "inOrder": True}
    assert editor_run["preview"] == {"status": 200, "shown": MARKERS, "inOrder": True}
    assert editor_run["beforePublish"] == {"status": 200, "shown": [], "inOrder": True}


def test_an_anonymous_visitor_sees_every_block_at_once_after_publishing(editor_run):
    assert editor_run["steps"][-1] == f"published -> {PAGE}"
    assert editor_run["after"] == {"status": 200, "shown": MARKERS, "inOrder": True}  # in the order added


def test_the_page_with_every_block_passes_axe_on_desktop_and_phone(editor_run):
    assert {name: axe["violations"] for name, axe in editor_run["axe"].items()} == {"desktop": [], "phone": []}
    assert all(axe["passes"] >= 10 for axe in editor_run["axe"].values())
    assert editor_run["overflow"] == {"desktop": False, "phone": False}
    assert editor_run["consoleErrors"] == [] and editor_run["pageErrors"] == []
    assert (SCREENSHOTS / "blocks-desktop.png").stat().st_size > 10_000


def test_the_editors_long_lists_fit_1280_px(editor_run):
    assert editor_run["adminLists"].keys() == set(ADMIN_LISTS)
    for path, shown in editor_run["adminLists"].items():
        assert shown["rows"] > 0 and not shown["scrollsSideways"], path
