"""
The media library's refused upload, in headless Chromium: `bochum` opens the folder "Kommunen" (its own
folder is "Kommunen/Bochum"; it may not upload into "Kommunen"), sees that uploaded files are public at once,
and drops an image there. The refusal says why, in German and formally, stays on screen (filer's own
message vanished after five seconds) and leaves no counter "Hochladen 0/1" standing.
Screenshots: artifacts/screenshots/media-library-notice.png, media-library-refused.png.
"""

import base64
import io
import json
import subprocess

import pytest
from django.conf import settings
from PIL import Image

from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import Server, database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]


def _png() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture(scope="module")
def upload_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    from filer.models import File, Folder

    with django_db_blocker.unblock():
        url = database_url()
        kommunen = Folder.objects.get(name="Kommunen", parent=None)
        files_before = File.objects.count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60"}, threads=2)
    try:
        config = tmp_path_factory.mktemp("media") / "config.json"
        config.write_text(json.dumps({
            "baseUrl": server.url, "executablePath": chromium, "username": "bochum",
            "password": settings.PORTAL_DEMO_PASSWORD, "folderPath": f"/admin/filer/folder/{kommunen.pk}/list/",
            "pngBase64": _png(),
            "screenshots": {"notice": str(SCREENSHOTS / "media-library-notice.png"),
                            "refused": str(SCREENSHOTS / "media-library-refused.png")},
        }))
        result = subprocess.run([node, str(HERE / "media_library_upload.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=180)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"][0]
    with django_db_blocker.unblock():
        report["filesAdded"] = File.objects.count() - files_before
    return report


def test_the_media_library_says_that_uploaded_files_are_public_at_once(upload_run):
    assert upload_run["notice"].startswith("Hinweis: Hochgeladene Dateien sind sofort öffentlich")


def test_a_refused_upload_says_why_and_leaves_no_counter_standing(upload_run):
    assert upload_run["refusals"] == [
        ["error", "browsertest.png: Sie dürfen in diesen Ordner nichts hochladen. Bitte öffnen Sie den Ordner Ihrer "
                  "Kommune oder Organisation und laden Sie die Datei dort hoch."],
        ["info", "Das Hochladen ist beendet. Angenommene Dateien sehen Sie, wenn Sie die Seite neu laden."],
    ]
    assert upload_run["role"] == "alert"
    assert not upload_run["counterVisible"] and not upload_run["overlayVisible"]
    assert upload_run["filesAdded"] == 0
    assert upload_run["pageErrors"] == []
    assert (SCREENSHOTS / "media-library-refused.png").stat().st_size > 10_000
