"""
Workshop reports of the IQZ series ("Werkstattreihe").

A `Workshop` is the report of one workshop: where, when, who organised it, a lead, the body,
the talks (`Contribution`), pull quotes (`Quote`), an optional ranked list (`RankedItem`, e.g.
six administrative models from "stark" to "schwach", kept as data) and downloads. Content is in the
portal's languages (`<field>_de`, `<field>_en`, `<field>_tr`, …, see `familie_portal.translation`); the
addresses in German and English only. What is public is
decided in one place: `WorkshopQuerySet.published()`.
"""

from cms.models import CMSPlugin
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from djangocms_text.fields import HTMLField
from filer.fields.file import FilerFileField
from filer.fields.image import FilerImageField

from familie_portal.content import ContentManager
from familie_portal.drafts import DraftMixin, one_draft_constraint
from familie_portal.scheduling import Scheduled, ScheduledQuerySet
from familie_portal.translation import Translated, TranslatedMixin, columns, current_language


class WorkshopSeries(TranslatedMixin, models.Model):
    name_de = models.CharField(_("Name (Deutsch)"), max_length=200)
    name_en = models.CharField(_("Name (Englisch)"), max_length=200, blank=True)
    name_tr = models.CharField(_("Name (Türkisch)"), max_length=200, blank=True)
    name_uk = models.CharField(_("Name (Ukrainisch)"), max_length=200, blank=True)
    name_ar = models.CharField(_("Name (Arabisch)"), max_length=200, blank=True)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)

    name = Translated("name")
    objects = ContentManager()

    class Meta:
        verbose_name = _("Reihe")
        verbose_name_plural = _("Reihen")
        ordering = ["name_de"]

    def __str__(self):
        return self.name_de


class WorkshopQuerySet(ScheduledQuerySet):
    def released(self):
        """Status "published", whatever the window says (the search index keeps these)."""
        return self.filter(status=Workshop.Status.PUBLISHED)

    def published(self):
        """THE rule for what the public sees: published reports inside their window ("veröffentlichen
        am" / "zurückziehen am", compared with the moment of the query)."""
        return self.released().in_window()

    def for_list(self):
        return self.select_related("series", "city", "organiser")

    def for_cards(self):
        """What a report card shows (templates/workshops/includes/workshop_card.html): no bodies, no organiser."""
        return self.select_related("series", "city").only(
            *columns("title", "teaser"), "slug_de", "slug_en", "date", "end_date", "show_day",
            "city", "series", "city__name", *(f"series__{name}" for name in columns("name")),
        )

    def for_detail(self):
        """The report with what its header shows, for a complete render (the preview); the inlines
        are read on use (selectors.ReportParts)."""
        return self.select_related("series", "city", "organiser", "image")


class Workshop(DraftMixin, Scheduled, TranslatedMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    series = models.ForeignKey(
        WorkshopSeries, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("Reihe")
    )
    title_de = models.CharField(_("Titel (Deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    title_tr = models.CharField(_("Titel (Türkisch)"), max_length=200, blank=True)
    title_uk = models.CharField(_("Titel (Ukrainisch)"), max_length=200, blank=True)
    title_ar = models.CharField(_("Titel (Arabisch)"), max_length=200, blank=True)
    slug_de = models.SlugField(_("Adresse (Deutsch)"), max_length=200, unique=True)
    slug_en = models.SlugField(
        _("Adresse (Englisch)"), max_length=200, unique=True, blank=True,
        help_text=_("Leer lassen, um die deutsche Adresse zu übernehmen."),
    )
    city = models.ForeignKey(
        "managers.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="workshops",
        verbose_name=_("Ort"),
    )
    date = models.DateField(_("Datum"))
    end_date = models.DateField(_("Enddatum"), null=True, blank=True, help_text=_("Nur bei mehrtägigen Workshops."))
    show_day = models.BooleanField(
        _("Tag anzeigen"), default=True,
        help_text=_("Ausschalten, wenn nur Monat und Jahr bekannt sind (z. B. „April 2008“)."),
    )
    organiser = models.ForeignKey(
        "managers.Organisation", on_delete=models.PROTECT, related_name="workshop_reports",
        verbose_name=_("Veranstalter"),
    )
    teaser_de = models.TextField(_("Vorspann (Deutsch)"), help_text=_("Der hervorgehobene erste Absatz."))
    teaser_en = models.TextField(_("Vorspann (Englisch)"), blank=True)
    teaser_tr = models.TextField(_("Vorspann (Türkisch)"), blank=True)
    teaser_uk = models.TextField(_("Vorspann (Ukrainisch)"), blank=True)
    teaser_ar = models.TextField(_("Vorspann (Arabisch)"), blank=True)
    body_de = HTMLField(_("Bericht (Deutsch)"), blank=True)
    body_en = HTMLField(_("Bericht (Englisch)"), blank=True)
    body_tr = HTMLField(_("Bericht (Türkisch)"), blank=True)
    body_uk = HTMLField(_("Bericht (Ukrainisch)"), blank=True)
    body_ar = HTMLField(_("Bericht (Arabisch)"), blank=True)
    conclusion_de = HTMLField(_("Fazit (Deutsch)"), blank=True)
    conclusion_en = HTMLField(_("Fazit (Englisch)"), blank=True)
    conclusion_tr = HTMLField(_("Fazit (Türkisch)"), blank=True)
    conclusion_uk = HTMLField(_("Fazit (Ukrainisch)"), blank=True)
    conclusion_ar = HTMLField(_("Fazit (Arabisch)"), blank=True)

    ranking_title_de = models.CharField(_("Überschrift der Rangfolge (Deutsch)"), max_length=200, blank=True)
    ranking_title_en = models.CharField(_("Überschrift der Rangfolge (Englisch)"), max_length=200, blank=True)
    ranking_title_tr = models.CharField(_("Überschrift der Rangfolge (Türkisch)"), max_length=200, blank=True)
    ranking_title_uk = models.CharField(_("Überschrift der Rangfolge (Ukrainisch)"), max_length=200, blank=True)
    ranking_title_ar = models.CharField(_("Überschrift der Rangfolge (Arabisch)"), max_length=200, blank=True)
    ranking_high_de = models.CharField(_("Erster Rang heißt (Deutsch)"), max_length=60, blank=True,
                                       help_text=_("z. B. „stark“"))
    ranking_high_en = models.CharField(_("Erster Rang heißt (Englisch)"), max_length=60, blank=True)
    ranking_high_tr = models.CharField(_("Erster Rang heißt (Türkisch)"), max_length=60, blank=True)
    ranking_high_uk = models.CharField(_("Erster Rang heißt (Ukrainisch)"), max_length=60, blank=True)
    ranking_high_ar = models.CharField(_("Erster Rang heißt (Arabisch)"), max_length=60, blank=True)
    ranking_low_de = models.CharField(_("Letzter Rang heißt (Deutsch)"), max_length=60, blank=True,
                                      help_text=_("z. B. „schwach“"))
    ranking_low_en = models.CharField(_("Letzter Rang heißt (Englisch)"), max_length=60, blank=True)
    ranking_low_tr = models.CharField(_("Letzter Rang heißt (Türkisch)"), max_length=60, blank=True)
    ranking_low_uk = models.CharField(_("Letzter Rang heißt (Ukrainisch)"), max_length=60, blank=True)
    ranking_low_ar = models.CharField(_("Letzter Rang heißt (Arabisch)"), max_length=60, blank=True)
    ranking_note_de = models.TextField(_("Anmerkung zur Rangfolge (Deutsch)"), blank=True)
    ranking_note_en = models.TextField(_("Anmerkung zur Rangfolge (Englisch)"), blank=True)
    ranking_note_tr = models.TextField(_("Anmerkung zur Rangfolge (Türkisch)"), blank=True)
    ranking_note_uk = models.TextField(_("Anmerkung zur Rangfolge (Ukrainisch)"), blank=True)
    ranking_note_ar = models.TextField(_("Anmerkung zur Rangfolge (Arabisch)"), blank=True)

    image = FilerImageField(
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Bild")
    )
    image_alt_de = models.CharField(_("Alternativtext (Deutsch)"), max_length=300, blank=True)
    image_alt_en = models.CharField(_("Alternativtext (Englisch)"), max_length=300, blank=True)
    image_alt_tr = models.CharField(_("Alternativtext (Türkisch)"), max_length=300, blank=True)
    image_alt_uk = models.CharField(_("Alternativtext (Ukrainisch)"), max_length=300, blank=True)
    image_alt_ar = models.CharField(_("Alternativtext (Arabisch)"), max_length=300, blank=True)
    image_caption_de = models.CharField(_("Bildunterschrift (Deutsch)"), max_length=300, blank=True)
    image_caption_en = models.CharField(_("Bildunterschrift (Englisch)"), max_length=300, blank=True)
    image_caption_tr = models.CharField(_("Bildunterschrift (Türkisch)"), max_length=300, blank=True)
    image_caption_uk = models.CharField(_("Bildunterschrift (Ukrainisch)"), max_length=300, blank=True)
    image_caption_ar = models.CharField(_("Bildunterschrift (Arabisch)"), max_length=300, blank=True)
    image_credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)

    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("Veröffentlicht am"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    # Drafts of a published report (familie_portal.drafts): its parts are copied, its addresses stay.
    draft_children = ("quotes", "ranked_items", "contributions", "downloads")
    draft_keep = ("slug_de", "slug_en")

    title = Translated("title")
    slug = Translated("slug")
    teaser = Translated("teaser")
    body = Translated("body")
    conclusion = Translated("conclusion")
    ranking_title = Translated("ranking_title")
    ranking_high = Translated("ranking_high")
    ranking_low = Translated("ranking_low")
    ranking_note = Translated("ranking_note")
    image_alt = Translated("image_alt")
    image_caption = Translated("image_caption")

    class Meta:
        verbose_name = _("Werkstattbericht")
        verbose_name_plural = _("Werkstattberichte")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["status", "-date"], name="workshop_status_date")]
        constraints = [one_draft_constraint("workshop_one_draft")]

    def __str__(self):
        return self.title_de

    def save(self, *args, **kwargs):
        if not self.slug_en:
            self.slug_en = self.slug_de
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = max(self.publish_at or timezone.now(), timezone.now())
        super().save(*args, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str:
        # The address in any language of the portal: the English slug in English, the German one in
        # the others (Turkish, Ukrainian and Arabic have no address columns).
        language = language or get_language() or current_language()
        with override(language):
            try:
                return reverse("workshops:detail", kwargs={"slug": self.translated("slug", language)})
            except NoReverseMatch:  # the apphook is not (yet) on a page
                return ""

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("Das Enddatum liegt vor dem Datum des Workshops.")
        if self.image_id and not self.image_alt_de.strip():
            errors["image_alt_de"] = _("Bitte beschreiben Sie das Bild in einem Alternativtext.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        """What `published()` says, for one report in hand."""
        return self.status == self.Status.PUBLISHED and self.in_window()

    def get_preview_url(self) -> str:
        try:
            return reverse("workshops:preview", kwargs={"pk": self.pk})
        except NoReverseMatch:
            return ""

    @property
    def date_display(self) -> str:
        """"April 2008" when only the month is known, else the localised day (and span)."""
        if not self.show_day:
            return date_format(self.date, "YEAR_MONTH_FORMAT")
        start = date_format(self.date, "DATE_FORMAT")
        if self.end_date and self.end_date != self.date:
            return f"{start} – {date_format(self.end_date, 'DATE_FORMAT')}"
        return start

    @property
    def schema_date(self) -> str:
        """ISO 8601 at the precision known ("2008-04" for the Bochum report)."""
        return self.date.strftime("%Y-%m") if not self.show_day else self.date.isoformat()


class Contribution(TranslatedMixin, models.Model):
    """A talk or input at the workshop, in programme order."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="contributions")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    academic_title = models.CharField(_("Akademischer Titel"), max_length=40, blank=True,
                                      help_text=_("z. B. „Prof. Dr.“"))
    name = models.CharField(_("Name"), max_length=200)
    role_de = models.CharField(_("Funktion (Deutsch)"), max_length=200, blank=True)
    role_en = models.CharField(_("Funktion (Englisch)"), max_length=200, blank=True)
    role_tr = models.CharField(_("Funktion (Türkisch)"), max_length=200, blank=True)
    role_uk = models.CharField(_("Funktion (Ukrainisch)"), max_length=200, blank=True)
    role_ar = models.CharField(_("Funktion (Arabisch)"), max_length=200, blank=True)
    affiliation_de = models.CharField(_("Institution (Deutsch)"), max_length=200, blank=True)
    affiliation_en = models.CharField(_("Institution (Englisch)"), max_length=200, blank=True)
    affiliation_tr = models.CharField(_("Institution (Türkisch)"), max_length=200, blank=True)
    affiliation_uk = models.CharField(_("Institution (Ukrainisch)"), max_length=200, blank=True)
    affiliation_ar = models.CharField(_("Institution (Arabisch)"), max_length=200, blank=True)
    topic_de = models.CharField(_("Thema des Beitrags (Deutsch)"), max_length=300, blank=True)
    topic_en = models.CharField(_("Thema des Beitrags (Englisch)"), max_length=300, blank=True)
    topic_tr = models.CharField(_("Thema des Beitrags (Türkisch)"), max_length=300, blank=True)
    topic_uk = models.CharField(_("Thema des Beitrags (Ukrainisch)"), max_length=300, blank=True)
    topic_ar = models.CharField(_("Thema des Beitrags (Arabisch)"), max_length=300, blank=True)
    summary_de = HTMLField(_("Zusammenfassung (Deutsch)"), blank=True)
    summary_en = HTMLField(_("Zusammenfassung (Englisch)"), blank=True)
    summary_tr = HTMLField(_("Zusammenfassung (Türkisch)"), blank=True)
    summary_uk = HTMLField(_("Zusammenfassung (Ukrainisch)"), blank=True)
    summary_ar = HTMLField(_("Zusammenfassung (Arabisch)"), blank=True)

    role = Translated("role")
    affiliation = Translated("affiliation")
    topic = Translated("topic")
    summary = Translated("summary")
    objects = ContentManager()

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.academic_title} {self.name}".strip()


class Quote(TranslatedMixin, models.Model):
    """A pull quote, optionally with the speaker's photo."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    text_de = models.TextField(_("Zitat (Deutsch)"))
    text_en = models.TextField(_("Zitat (Englisch)"), blank=True)
    text_tr = models.TextField(_("Zitat (Türkisch)"), blank=True)
    text_uk = models.TextField(_("Zitat (Ukrainisch)"), blank=True)
    text_ar = models.TextField(_("Zitat (Arabisch)"), blank=True)
    speaker = models.CharField(_("Wer sagt es?"), max_length=200)
    caption_de = models.CharField(_("Bildunterschrift (Deutsch)"), max_length=300, blank=True)
    caption_en = models.CharField(_("Bildunterschrift (Englisch)"), max_length=300, blank=True)
    caption_tr = models.CharField(_("Bildunterschrift (Türkisch)"), max_length=300, blank=True)
    caption_uk = models.CharField(_("Bildunterschrift (Ukrainisch)"), max_length=300, blank=True)
    caption_ar = models.CharField(_("Bildunterschrift (Arabisch)"), max_length=300, blank=True)
    photo = FilerImageField(on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("Foto"))
    photo_alt_de = models.CharField(_("Alternativtext (Deutsch)"), max_length=300, blank=True)
    photo_alt_en = models.CharField(_("Alternativtext (Englisch)"), max_length=300, blank=True)
    photo_alt_tr = models.CharField(_("Alternativtext (Türkisch)"), max_length=300, blank=True)
    photo_alt_uk = models.CharField(_("Alternativtext (Ukrainisch)"), max_length=300, blank=True)
    photo_alt_ar = models.CharField(_("Alternativtext (Arabisch)"), max_length=300, blank=True)
    photo_credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)

    text = Translated("text")
    caption = Translated("caption")
    photo_alt = Translated("photo_alt")
    objects = ContentManager()

    class Meta:
        verbose_name = _("Zitat")
        verbose_name_plural = _("Zitate")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.speaker}: {self.text_de[:60]}"

    def clean(self):
        if self.photo_id and not self.photo_alt_de.strip():
            raise ValidationError({"photo_alt_de": _("Bitte beschreiben Sie das Foto in einem Alternativtext.")})


class RankedItem(TranslatedMixin, models.Model):
    """One entry of the report's ranked list; `position` 1 is the first rank."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="ranked_items")
    position = models.PositiveSmallIntegerField(_("Rang"))
    label_de = models.CharField(_("Bezeichnung (Deutsch)"), max_length=200)
    label_en = models.CharField(_("Bezeichnung (Englisch)"), max_length=200, blank=True)
    label_tr = models.CharField(_("Bezeichnung (Türkisch)"), max_length=200, blank=True)
    label_uk = models.CharField(_("Bezeichnung (Ukrainisch)"), max_length=200, blank=True)
    label_ar = models.CharField(_("Bezeichnung (Arabisch)"), max_length=200, blank=True)
    description_de = models.TextField(_("Erläuterung (Deutsch)"), blank=True)
    description_en = models.TextField(_("Erläuterung (Englisch)"), blank=True)
    description_tr = models.TextField(_("Erläuterung (Türkisch)"), blank=True)
    description_uk = models.TextField(_("Erläuterung (Ukrainisch)"), blank=True)
    description_ar = models.TextField(_("Erläuterung (Arabisch)"), blank=True)

    label = Translated("label")
    description = Translated("description")
    objects = ContentManager()

    class Meta:
        verbose_name = _("Rang")
        verbose_name_plural = _("Rangfolge")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.label_de}"


class Download(TranslatedMixin, models.Model):
    """A file to download with the report, e.g. the PDF documentation."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="downloads")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    file = FilerFileField(on_delete=models.CASCADE, related_name="+", verbose_name=_("Datei"))
    title_de = models.CharField(_("Titel (Deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    title_tr = models.CharField(_("Titel (Türkisch)"), max_length=200, blank=True)
    title_uk = models.CharField(_("Titel (Ukrainisch)"), max_length=200, blank=True)
    title_ar = models.CharField(_("Titel (Arabisch)"), max_length=200, blank=True)

    title = Translated("title")
    objects = ContentManager()

    class Meta:
        verbose_name = _("Download")
        verbose_name_plural = _("Downloads")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title_de


def plugin_template_folders() -> list[tuple[str, str]]:
    """The layouts a "Neueste Werkstattberichte" may choose (settings.WORKSHOPS_PLUGIN_TEMPLATE_FOLDERS):
    each a folder under templates/workshops/plugins/. A callable, so a site adds folders without a migration."""
    return settings.WORKSHOPS_PLUGIN_TEMPLATE_FOLDERS


class LatestWorkshops(CMSPlugin):
    """Settings of the "Neueste Werkstattberichte" plugin."""

    count = models.PositiveSmallIntegerField(
        _("Anzahl"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    template_folder = models.CharField(
        _("Darstellung"), max_length=100, choices=plugin_template_folders, default="default",
        help_text=_("Wie die Berichte auf der Seite aussehen; „Standard“ passt auf jede Seite."),
    )

    def __str__(self):
        return str(self.count)
