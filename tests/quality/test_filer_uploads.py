"""
django-filer uploads (media library, clipboard, the drop zone of every image/file field) go
through the portal's image check: bytes, real type, pixel count from the header before decoding,
no SVG. Tested through filer's upload endpoint as an IQZ editor uses it; a refused upload leaves
no File row and no stored file behind.
"""

import mimetypes
import os
import tempfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from filer.models import File, Folder
from filer.validation import validate_upload
from PIL import Image

from tests.managers.factories import decompression_bomb_png, png_bytes

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                   b"<script>alert('XSS')</script><rect width=\"10\" height=\"10\"/></svg>")


@pytest.fixture
def media_files(settings):
    def stored() -> set[str]:
        return {os.path.join(root, name) for root, _dirs, names in os.walk(settings.MEDIA_ROOT) for name in names}

    return stored


def _post(client, name, data, folder=None, content_type="application/octet-stream"):
    url = reverse("admin:filer-ajax_upload", kwargs={"folder_id": folder.pk} if folder else {})
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type=content_type)})


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail if anything decodes pixel data (the bomb must be refused from its header)."""

    def refuse(self, *args, **kwargs):
        raise AssertionError("pixel data must not be decoded")

    monkeypatch.setattr(Image.Image, "load", refuse)


NO_SVG = "SVG-Grafiken sind aus Sicherheitsgründen nicht erlaubt"
REFUSED = [
    pytest.param("bombe.png", decompression_bomb_png(), "10000 × 10000 Pixeln zu groß", id="12 KB PNG, 10000x10000"),
    pytest.param("bild.png", b"Dies ist kein Bild. " * 200, "kein gültiges Bild", id="text pretending to be PNG"),
    pytest.param("grafik.svg", SVG_WITH_SCRIPT, NO_SVG, id="SVG with script"),
    pytest.param("grafik.png", SVG_WITH_SCRIPT, NO_SVG, id="SVG named .png"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
@pytest.mark.parametrize("in_folder", [False, True], ids=["no folder", "folder"])
def test_refused_with_a_german_message_and_nothing_saved(iqz_client, media_files, no_decoding, name, data, message,
                                                         in_folder):
    folder = Folder.objects.create(name="Werkstattreihe") if in_folder else None
    files_before, stored_before = File.objects.count(), media_files()
    response = _post(iqz_client, name, data, folder)
    assert response.status_code == 400
    error = response.json()["error"]
    assert message in error and f"„{name}“" in error
    assert File.objects.count() == files_before
    assert media_files() == stored_before


def test_too_many_bytes_are_refused(iqz_client, media_files, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 10_000
    stored_before = media_files()
    for name, data in [("foto.png", png_bytes(400, 400, colour="#ffffff") + b"\0" * 20_000),
                       ("dokumentation.pdf", b"%PDF-1.4\n" + b"0" * 20_000 + b"\n%%EOF\n")]:
        response = _post(iqz_client, name, data)
        assert response.status_code == 400
        assert "Die Datei ist zu groß" in response.json()["error"]
    assert not File.objects.filter(original_filename__in=["foto.png", "dokumentation.pdf"]).exists()
    assert media_files() == stored_before


def test_a_raw_upload_is_checked_the_same_way(iqz_client, media_files):
    """The older uploader sends the bytes as the request body, the name in ?qqfile=."""
    files_before, stored_before = File.objects.count(), media_files()
    url = reverse("admin:filer-ajax_upload") + "?qqfile=bombe.png"
    response = iqz_client.post(url, decompression_bomb_png(), content_type="application/octet-stream",
                               headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 400
    assert "Pixeln zu groß" in response.json()["error"]
    assert File.objects.count() == files_before and media_files() == stored_before


def test_a_real_image_and_a_pdf_are_accepted(iqz_client):
    response = _post(iqz_client, "foto.png", png_bytes(120, 80))
    assert response.status_code == 200, response.content
    image = File.objects.get(pk=response.json()["file_id"])
    assert image.original_filename == "foto.png" and image.width == 120
    response = _post(iqz_client, "dokumentation.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 200, response.content


def test_png_content_under_another_image_name_is_checked_as_an_image(iqz_client):
    response = _post(iqz_client, "foto.jpg", png_bytes())
    assert response.status_code == 200  # a real raster image; its type is read from the bytes


def test_anonymous_uploads_go_to_the_login(client):
    response = _post(client, "bombe.png", decompression_bomb_png())
    assert response.status_code == 302  # to the admin login, nothing validated or stored


@pytest.mark.parametrize(("name", "data"), [
    ("bombe.png", decompression_bomb_png()), ("grafik.svg", SVG_WITH_SCRIPT), ("bild.png", b"kein Bild")])
def test_filers_other_upload_paths_use_the_same_validator(name, data, no_decoding):
    """The admin's "replace file" form and any other caller of filer.validation.validate_upload."""
    with tempfile.TemporaryFile() as file:  # what filer hands its validators there: a plain file object
        file.write(data)
        file.seek(0)
        with pytest.raises(ValidationError) as error:
            validate_upload(name, file, None, mimetypes.guess_type(name)[0])
    assert f"„{name}“" in error.value.messages[0]
