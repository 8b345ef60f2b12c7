"""familie_portal.validators.validate_image_upload: bytes, real type, pixels from the header."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from familie_portal.validators import validate_image_upload

from .factories import decompression_bomb_png, png_bytes


def _upload(data: bytes, name="bild.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_small_png_passes():
    validate_image_upload(_upload(png_bytes()))


def test_decompression_bomb_is_refused_from_the_header_without_decoding(monkeypatch):
    data = decompression_bomb_png()
    assert len(data) < 16_000

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("pixel data must not be decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr(Image.core, "decoder", no_decoding, raising=False)
    with pytest.raises(ValidationError) as error:
        validate_image_upload(_upload(data))
    assert error.value.code == "too_many_pixels"
    assert "10000 × 10000 Pixeln zu groß" in error.value.messages[0]


def test_too_many_bytes_is_refused(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image_upload(_upload(png_bytes(64, 64)))
    assert error.value.code == "file_too_large"
    assert "Die Datei ist zu groß" in error.value.messages[0]


@pytest.mark.parametrize(
    ("data", "name", "content_type", "code"),
    [
        (b"%PDF-1.4 not an image", "bild.png", "image/png", "not_an_image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.svg", "image/svg+xml",
         "svg_not_allowed"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "getarnt.png", "image/png", "svg_not_allowed"),
    ],
)
def test_non_images_and_svg_are_refused(data, name, content_type, code):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(_upload(data, name, content_type))
    assert error.value.code == code


def test_other_formats_are_refused():
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="TIFF")
    with pytest.raises(ValidationError) as error:
        validate_image_upload(_upload(buffer.getvalue(), "bild.tiff", "image/tiff"))
    assert error.value.code == "format_not_allowed"


def test_the_file_position_is_restored():
    upload = _upload(png_bytes())
    upload.seek(5)
    validate_image_upload(upload)
    assert upload.tell() == 5
