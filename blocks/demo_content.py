"""
Demo content blocks: the "Qualifizierung" page and the Bochum page show an image with caption and
credit, a download, a contact box and an FAQ about the qualification. The page "Deutsche
Gebärdensprache" shows the video slot: a short placeholder video with German captions, a poster
and the transcript, until the video in DGS is produced. Called once at the end of
the demo loading (`add_demo_blocks(admin)`, after the pages exist; not `<app>.demo`, whose `load()`
runs before them); idempotent: a page that already has blocks is left alone.
The files are shipped in blocks/demo_media/ (own work, CC0: see LICENSE.txt there).
"""

from pathlib import Path

from cms.api import add_plugin
from cms.models import PageContent
from django.core.files import File
from djangocms_versioning.models import Version
from filer.models import File as FilerFile
from filer.models import Image as FilerImage

from blocks.models import ImageBlock, MediaBlock
from familie_portal.onboarding import LANGUAGES

MEDIA = Path(__file__).resolve().parent / "demo_media"

FAQ = [
    ("Wer kann an der Qualifizierung teilnehmen?",
     "Beschäftigte von Kommunen in Nordrhein-Westfalen, die Familienfreundlichkeit vor Ort voranbringen wollen."),
    ("Wie lange dauert sie?",
     "Die Qualifizierung besteht aus mehreren Modulen über rund ein halbes Jahr; dazwischen liegen Praxisphasen."),
    ("Was kostet die Teilnahme?",
     "Für Kommunen in Nordrhein-Westfalen ist die Teilnahme im Rahmen der Landesförderung kostenfrei."),
    ("Womit schließt sie ab?",
     "Mit einem Zertifikat als Familienmanagerin oder Familienmanager; das Profil kann im Verzeichnis erscheinen."),
]


def _filer(model, name, owner):
    existing = model.objects.filter(original_filename=name).first()
    if existing:
        return existing
    with (MEDIA / name).open("rb") as handle:
        return model.objects.create(file=File(handle, name=name), original_filename=name, owner=owner)


def _add_blocks(placeholder, user, *, image, pdf, contact):
    add_plugin(placeholder, "ImageBlockPlugin", "de", image=image,
               alt="Grafik: ein runder Tisch mit sechs Plätzen",
               caption="Gemeinsam am Tisch: Kommune, Träger, Familien",
               credit="Grafik: Familienportal-Demo, CC0")
    add_plugin(placeholder, "DownloadBlockPlugin", "de", file=pdf, title="Häufige Fragen zur Qualifizierung",
               document_language="de", not_accessible=True)
    add_plugin(placeholder, "ContactBlockPlugin", "de", **contact)
    accordion = add_plugin(placeholder, "AccordionPlugin", "de", title="Fragen zur Qualifizierung")
    for question, answer in FAQ:
        item = add_plugin(placeholder, "AccordionItemPlugin", "de", target=accordion, question=question)
        add_plugin(placeholder, "TextPlugin", "de", target=item, body=f"<p>{answer}</p>")


PAGES = {
    "qualifizierung": {"name": "IQZ-Redaktion", "role": "Qualifizierung Familienmanagement",
                       "organisation": "Informations- und Qualifizierungszentrum für Kommunen",
                       "email": "qualifizierung@example.org", "email_as_link": True},
    "kommune-bochum": {"name": "Familienbüro der Stadt Bochum", "organisation": "Stadt Bochum",
                       "phone": "0234 910-0", "email": "familienbuero@example.org", "email_as_link": False,
                       "address": "Willy-Brandt-Platz 2–6\n44777 Bochum"},
}


SIGN_LANGUAGE_VIDEO = {
    "title": "Das Familienportal in Deutscher Gebärdensprache (Platzhalter)",
    "captions_language": "de",
    "transcript": "[Kein Ton] Video in Gebärdensprache folgt.\n\n"
                  "Hier stellt das Familienportal sich bald in Deutscher Gebärdensprache vor.",
}


def _edit_published(content, user, add) -> None:
    """A new version of a published page content with `add(placeholder)` done on it, published."""
    draft = Version.objects.get_for_content(content).copy(user)
    add(draft.content.placeholders.get_or_create(slot="content")[0])
    draft.publish(user)


def add_sign_language_video(user) -> None:
    """The video slot of the page "Deutsche Gebärdensprache", in every language the page has."""
    files = {"source": _filer(FilerFile, "gebaerdensprache-platzhalter.webm", user),
             "captions": _filer(FilerFile, "gebaerdensprache-platzhalter.vtt", user),
             "poster": _filer(FilerImage, "gebaerdensprache-platzhalter.png", user)}
    for language in LANGUAGES:
        content = PageContent.objects.filter(page__reverse_id="gebaerdensprache", language=language).first()
        if content is None or MediaBlock.objects.filter(placeholder__in=content.placeholders.all()).exists():
            continue
        _edit_published(content, user, lambda placeholder, language=language: add_plugin(
            placeholder, "MediaBlockPlugin", language, position="first-child", **files, **SIGN_LANGUAGE_VIDEO))


def add_demo_blocks(user) -> None:
    image = _filer(FilerImage, "qualifizierung.png", user)
    pdf = _filer(FilerFile, "qualifizierung-fragen.pdf", user)
    for reverse_id, contact in PAGES.items():
        content = PageContent.objects.filter(page__reverse_id=reverse_id, language="de").first()  # published
        if content is None:
            continue
        published = Version.objects.get_for_content(content)
        placeholder = published.content.placeholders.filter(slot="content").first()
        if placeholder and ImageBlock.objects.filter(placeholder=placeholder).exists():
            continue  # loaded before
        draft = published.copy(user)
        placeholder = draft.content.placeholders.get_or_create(slot="content")[0]
        _add_blocks(placeholder, user, image=image, pdf=pdf, contact=contact)
        draft.publish(user)
    add_sign_language_video(user)
