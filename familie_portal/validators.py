"""
The one upload check for images, used by every app that accepts a photo or picture.

Order matters: bytes first (cheap), then the real type and the pixel count read from the
image header. `Image.open` is lazy: it parses the header and never decodes pixel data, so a
small PNG that declares 10,000 × 10,000 pixels (a decompression bomb) is refused here before
anything could inflate it. Pillow's own guard (MAX_IMAGE_PIXELS, about 89 Mpx) would let such
a file through; our limit is settings.PORTAL_MAX_IMAGE_PIXELS.
"""

import mimetypes
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Raster formats a browser shows and Pillow reads. No SVG: it is a document that can carry script.
ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
_SVG_SUFFIXES = (".svg", ".svgz")


def _looks_like_svg(file) -> bool:
    name = (getattr(file, "name", "") or "").lower()
    content_type = (getattr(file, "content_type", "") or "").lower()
    if name.endswith(_SVG_SUFFIXES) or "svg" in content_type:
        return True
    head = file.read(512)
    file.seek(0)
    if isinstance(head, str):
        head = head.encode()
    return b"<svg" in head.lower() or head.lstrip().startswith(b"<?xml")


def validate_image_upload(file) -> None:
    """Refuse what is not a small enough raster image; raise ValidationError with a German message."""
    if file is None:
        return
    size = getattr(file, "size", None)
    max_bytes = settings.PORTAL_MAX_UPLOAD_BYTES
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )

    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        if _looks_like_svg(file):
            raise ValidationError(
                _("SVG-Grafiken sind aus Sicherheitsgründen nicht erlaubt. Bitte laden Sie ein JPEG-, PNG-, "
                  "GIF- oder WebP-Bild hoch."),
                code="svg_not_allowed",
            )
        try:
            with warnings.catch_warnings():
                # Pillow warns (does not refuse) above its own limit; we decide below.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(file) as image:  # header only: no .load(), no decoding
                    image_format = image.format
                    width, height = image.size
        except Image.DecompressionBombError:
            raise ValidationError(
                _("Das Bild hat zu viele Pixel und wurde nicht verarbeitet. Bitte verkleinern Sie es."),
                code="too_many_pixels",
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("Die Datei ist kein gültiges Bild. Erlaubt sind JPEG, PNG, GIF und WebP."),
                code="not_an_image",
            ) from None
    finally:
        file.seek(position)

    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Dieses Bildformat (%(format)s) ist nicht erlaubt. Erlaubt sind JPEG, PNG, GIF und WebP.")
            % {"format": image_format or "?"},
            code="format_not_allowed",
        )
    max_pixels = settings.PORTAL_MAX_IMAGE_PIXELS
    if width * height > max_pixels:
        raise ValidationError(
            _("Das Bild ist mit %(width)s × %(height)s Pixeln zu groß. Erlaubt sind höchstens %(max)s Megapixel; "
              "bitte verkleinern Sie es vor dem Hochladen.")
            % {"width": width, "height": height, "max": f"{max_pixels / 1_000_000:g}"},
            code="too_many_pixels",
        )


# --- django-filer uploads ------------------------------------------------------------------------
# Wired in settings (FILER_ADD_FILE_VALIDATORS) for every filer upload path, and called first by
# the portal's filer upload endpoint (familie_portal/admin.py), before filer reads the file.


def _file_size(file) -> int | None:
    size = getattr(file, "size", None)
    if size is None and hasattr(file, "seek") and hasattr(file, "tell"):
        position = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(position)
    return size


def validate_upload_size(file) -> None:
    size = _file_size(file)
    max_bytes = settings.PORTAL_MAX_UPLOAD_BYTES
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )


def validate_filer_upload(file_name: str, file, owner=None, mime_type: str | None = None) -> None:
    """A django-filer upload validator (signature of filer.validation): images get the full image
    check, SVG is refused, every other file the byte limit. The message names the file."""
    from django.core.files import File

    mime_type = mime_type or mimetypes.guess_type(file_name)[0] or ""
    try:
        if mime_type == "image/svg+xml":
            raise ValidationError(
                _("SVG-Grafiken sind aus Sicherheitsgründen nicht erlaubt. Bitte laden Sie ein JPEG-, PNG-, "
                  "GIF- oder WebP-Bild hoch."),
                code="svg_not_allowed",
            )
        if mime_type.startswith("image/"):
            named = file if getattr(file, "size", None) is not None else File(file, name=file_name)
            validate_image_upload(named)
        else:
            validate_upload_size(file)
    except ValidationError as error:
        message = " ".join(error.messages)
        raise ValidationError(
            _("Datei „%(name)s“: %(message)s") % {"name": file_name, "message": message}, code=error.code
        ) from None
