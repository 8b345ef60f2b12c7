"""
Content blocks for CMS pages (the plugins are in cms_plugins.py, the markup in templates/blocks/).

Each block keeps what an editor types in plain model fields, so that validation happens at the
field (form errors in the plugin dialog) and the stored-XSS corpus can reach every one of them.
Links go through djangocms-link's LinkField (a CMS page, a workshop report, an event or an
external address).
"""

from pathlib import PurePosixPath

from cms.models import CMSPlugin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from djangocms_link.fields import LinkField
from djangocms_link.helpers import get_link
from filer.fields.file import FilerFileField
from filer.fields.image import FilerImageField

# Languages a download or a caption track can be in (the portal's two and those of the
# families it addresses most often).
LANGUAGES = [
    ("de", _("Deutsch")),
    ("de-x-ls", _("Leichte Sprache")),
    ("en", _("Englisch")),
    ("tr", _("Türkisch")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("pl", _("Polnisch")),
    ("fr", _("Französisch")),
]

# Download types an editor may offer, with the name a visitor knows them by.
DOCUMENT_TYPES = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "OpenDocument-Text", "rtf": "RTF",
    "xls": "Excel", "xlsx": "Excel", "ods": "OpenDocument-Tabelle", "csv": "CSV",
    "ppt": "PowerPoint", "pptx": "PowerPoint", "odp": "OpenDocument-Präsentation",
}
VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg"}
AUDIO_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "oga": "audio/ogg", "wav": "audio/wav"}


def extension(file) -> str:
    name = getattr(file, "original_filename", "") or getattr(getattr(file, "file", None), "name", "") or ""
    return PurePosixPath(name).suffix.lower().lstrip(".")


def require_alt_text(alt: str, decorative: bool, field: str = "alt") -> None:
    """An image that is published needs a description, unless the editor says it is decorative."""
    if not decorative and not alt.strip():
        raise ValidationError({field: _("Bitte beschreiben Sie das Bild oder kreuzen Sie „Nur Schmuck“ an.")})


class LinkTarget(models.Model):
    """A link target chosen in djangocms-link's widget; `url` and `is_external` for the templates."""

    link = LinkField(_("Ziel"), help_text=_("Eine Seite des Portals, ein Werkstattbericht, eine Veranstaltung oder "
                                             "eine Adresse außerhalb des Portals."))

    class Meta:
        abstract = True

    @property
    def url(self) -> str:
        return get_link(self.link) or ""

    @property
    def is_external(self) -> bool:
        return bool((self.link or {}).get("external_link", "").startswith(("http://", "https://", "//")))


class ImageBlock(CMSPlugin):
    image = FilerImageField(verbose_name=_("Bild"), null=True, on_delete=models.SET_NULL, related_name="+")
    alt = models.CharField(_("Alternativtext"), max_length=300, blank=True,
                           help_text=_("Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen."))
    decorative = models.BooleanField(_("Nur Schmuck"), default=False,
                                     help_text=_("Das Bild trägt nichts zum Inhalt bei; Screenreader übergehen es."))
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)
    credit = models.CharField(_("Bildnachweis und Lizenz"), max_length=200, blank=True,
                              help_text=_("z. B. „Foto: Stadt Bochum, CC BY 4.0“"))
    wide = models.BooleanField(_("Volle Breite"), default=True)

    class Meta:
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")

    def __str__(self):
        return self.caption or self.alt or str(_("Bild"))

    def clean(self):
        require_alt_text(self.alt, self.decorative)


class DownloadBlock(CMSPlugin):
    file = FilerFileField(verbose_name=_("Datei"), null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("Titel"), max_length=200)
    document_language = models.CharField(_("Sprache des Dokuments"), max_length=8, choices=LANGUAGES, default="de")
    not_accessible = models.BooleanField(
        _("Nicht barrierefrei"), default=False,
        help_text=_("Zeigt den Hinweis „nicht barrierefrei“ mit einem Link zur Erklärung zur Barrierefreiheit."))

    class Meta:
        verbose_name = _("Download")
        verbose_name_plural = _("Downloads")

    def __str__(self):
        return self.title

    @property
    def type_name(self) -> str:
        return DOCUMENT_TYPES.get(extension(self.file), extension(self.file).upper())

    def clean(self):
        if self.file is not None and extension(self.file) not in DOCUMENT_TYPES:
            raise ValidationError({"file": _("Bitte wählen Sie ein PDF- oder Office-Dokument.")})


class LinkBlock(LinkTarget, CMSPlugin):
    class Style(models.TextChoices):
        LINK = "link", _("Textlink")
        BUTTON = "button", _("Schaltfläche")

    text = models.CharField(_("Linktext"), max_length=200)
    style = models.CharField(_("Darstellung"), max_length=10, choices=Style.choices, default=Style.LINK)

    class Meta:
        verbose_name = _("Link oder Schaltfläche")
        verbose_name_plural = _("Links und Schaltflächen")

    def __str__(self):
        return self.text


class TeaserGrid(CMSPlugin):
    title = models.CharField(_("Überschrift"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Teaser-Raster")
        verbose_name_plural = _("Teaser-Raster")

    def __str__(self):
        return self.title or str(_("Teaser-Raster"))


class TeaserCard(LinkTarget, CMSPlugin):
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Kurztext"), max_length=400, blank=True)
    image = FilerImageField(verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    alt = models.CharField(_("Alternativtext"), max_length=300, blank=True)
    decorative = models.BooleanField(_("Bild nur Schmuck"), default=False)

    class Meta:
        verbose_name = _("Teaser-Karte")
        verbose_name_plural = _("Teaser-Karten")

    def __str__(self):
        return self.title

    def clean(self):
        if self.image_id:
            require_alt_text(self.alt, self.decorative)


class ContactBlock(CMSPlugin):
    title = models.CharField(_("Überschrift"), max_length=200, blank=True,
                             help_text=_("Leer lassen für „Ansprechpartner“."))
    name = models.CharField(_("Name"), max_length=200)
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    email_as_link = models.BooleanField(
        _("E-Mail-Adresse als Link"), default=True,
        help_text=_("Ohne Haken steht die Adresse als Text da (weniger Werbepost durch Adresssammler)."))
    address = models.TextField(_("Anschrift"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")

    def __str__(self):
        return self.name

    @property
    def phone_href(self) -> str:
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


class Accordion(CMSPlugin):
    title = models.CharField(_("Überschrift"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Aufklappbereiche (FAQ)")
        verbose_name_plural = _("Aufklappbereiche (FAQ)")

    def __str__(self):
        return self.title or str(_("Aufklappbereiche"))


class AccordionItem(CMSPlugin):
    question = models.CharField(_("Frage oder Titel"), max_length=300)
    open = models.BooleanField(_("Anfangs aufgeklappt"), default=False)

    class Meta:
        verbose_name = _("Aufklappbereich")
        verbose_name_plural = _("Aufklappbereiche")

    def __str__(self):
        return self.question


class TwoColumns(CMSPlugin):
    class Ratio(models.TextChoices):
        EQUAL = "1-1", _("Gleich breit")
        WIDE_FIRST = "2-1", _("Links breiter")
        WIDE_SECOND = "1-2", _("Rechts breiter")

    ratio = models.CharField(_("Aufteilung"), max_length=3, choices=Ratio.choices, default=Ratio.EQUAL)

    class Meta:
        verbose_name = _("Zwei Spalten")
        verbose_name_plural = _("Zwei Spalten")

    def __str__(self):
        return self.get_ratio_display()


class Column(CMSPlugin):
    """A column of "Zwei Spalten" (no fields of its own). A proxy, so that the structure board names it by
    its position ("Spalte links") instead of django CMS's default, the plugin's id ("Spalte 124")."""

    class Meta:
        proxy = True
        verbose_name = _("Spalte")
        verbose_name_plural = _("Spalten")

    def __str__(self):
        first = (CMSPlugin.objects.filter(parent_id=self.parent_id, language=self.language)
                 .order_by("position").values_list("pk", flat=True).first())
        return str(_("links") if first == self.pk else _("rechts"))


class MediaBlock(CMSPlugin):
    """A video or audio file from the media library, played by the browser itself."""

    title = models.CharField(_("Titel"), max_length=200)
    source = FilerFileField(verbose_name=_("Video- oder Audiodatei"), null=True, on_delete=models.SET_NULL,
                            related_name="+", help_text=_("MP4, WebM, MP3, M4A, OGG oder WAV."))
    captions = FilerFileField(verbose_name=_("Untertitel (WebVTT)"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              help_text=_("Eine .vtt-Datei; für Videos erforderlich."))
    captions_language = models.CharField(_("Sprache der Untertitel"), max_length=8, choices=LANGUAGES,
                                         default="de")
    poster = FilerImageField(verbose_name=_("Vorschaubild"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    transcript = models.TextField(_("Transkript"), help_text=_("Der gesprochene Text, für alle, die nicht hören "
                                                                "oder lieber lesen."))

    class Meta:
        verbose_name = _("Video oder Audio")
        verbose_name_plural = _("Videos und Audios")

    def __str__(self):
        return self.title

    @property
    def is_video(self) -> bool:
        return extension(self.source) in VIDEO_TYPES

    @property
    def mime_type(self) -> str:
        return {**VIDEO_TYPES, **AUDIO_TYPES}.get(extension(self.source), "")

    def clean(self):
        if self.source is None:
            return
        if not self.mime_type:
            raise ValidationError({"source": _("Bitte wählen Sie eine Video- oder Audiodatei (MP4, WebM, MP3, …).")})
        if self.captions is not None and extension(self.captions) != "vtt":
            raise ValidationError({"captions": _("Untertitel bitte als WebVTT-Datei (.vtt).")})
        if self.is_video and self.captions is None:
            raise ValidationError({"captions": _("Ein Video braucht Untertitel (WebVTT-Datei).")})
