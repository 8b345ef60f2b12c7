"""Media library files and a page holding every content block, for the block tests."""

import io

from cms.api import add_plugin
from django.core.files.base import ContentFile
from filer.models import File as FilerFile
from filer.models import Image as FilerImage
from PIL import Image as PILImage


def png_bytes(width=1600, height=900) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (0, 89, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


def filer_image(user, name="bt-bild.png", **size) -> FilerImage:
    return FilerImage.objects.create(file=ContentFile(png_bytes(**size), name=name), original_filename=name,
                                     owner=user)


def filer_file(user, name: str, content: bytes = b"%PDF-1.4\n%%EOF\n") -> FilerFile:
    return FilerFile.objects.create(file=ContentFile(content, name=name), original_filename=name, owner=user)


def add_every_block(placeholder, language, user, *, event=None) -> dict:
    """One of each block, children included; returns the plugins by name."""
    image = filer_image(user)
    pdf = filer_file(user, "bt-flyer.pdf")
    video = filer_file(user, "bt-film.mp4", b"\x00\x00\x00\x18ftypmp42")
    audio = filer_file(user, "bt-ton.mp3", b"ID3")
    vtt = filer_file(user, "bt-film.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n")
    blocks = {
        "image": add_plugin(placeholder, "ImageBlockPlugin", language, image=image, alt="Ein grünes Rechteck",
                            caption="Bildunterschrift BT", credit="Foto: BT, CC0"),
        "download": add_plugin(placeholder, "DownloadBlockPlugin", language, file=pdf, title="Flyer BT",
                               document_language="de", not_accessible=True),
        "external": add_plugin(placeholder, "LinkBlockPlugin", language, text="Extern BT",
                               link={"external_link": "https://example.org/"}, style="button"),
        "contact": add_plugin(placeholder, "ContactBlockPlugin", language, name="Erika Muster", role="Leitung",
                              organisation="Stadt BT", phone="0234 / 910-0", email="erika@example.org",
                              email_as_link=False, address="Rathausplatz 1\n44787 Bochum"),
        "video": add_plugin(placeholder, "MediaBlockPlugin", language, title="Film BT", source=video, captions=vtt,
                            transcript="Gesprochener Text BT"),
        "audio": add_plugin(placeholder, "MediaBlockPlugin", language, title="Ton BT", source=audio,
                            transcript="Gehörter Text BT"),
    }
    grid = add_plugin(placeholder, "TeaserGridPlugin", language, title="Teaser BT")
    blocks["grid"] = grid
    target = {"internal_link": f"events.event:{event.pk}"} if event else {"external_link": "https://example.org/t"}
    blocks["card"] = add_plugin(placeholder, "TeaserCardPlugin", language, target=grid, title="Karte BT",
                                text="Kurztext BT", link=target, image=image, decorative=True)
    accordion = add_plugin(placeholder, "AccordionPlugin", language, title="Fragen BT")
    item = add_plugin(placeholder, "AccordionItemPlugin", language, target=accordion, question="Frage BT?")
    add_plugin(placeholder, "TextPlugin", language, target=item, body="<p>Antwort BT</p>")
    blocks["accordion"], blocks["item"] = accordion, item
    columns = add_plugin(placeholder, "TwoColumnsPlugin", language, ratio="2-1")
    for text in ("Spalte eins BT", "Spalte zwei BT"):
        column = add_plugin(placeholder, "ColumnPlugin", language, target=columns)
        add_plugin(placeholder, "TextPlugin", language, target=column, body=f"<p>{text}</p>")
    blocks["columns"] = columns
    return blocks
