"""
Demo content blocks: the "Qualifizierung" page and the Bochum page show an image with caption and
credit, a download, a contact box and an FAQ about the qualification. Called once at the end of
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

from blocks.models import ImageBlock

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
