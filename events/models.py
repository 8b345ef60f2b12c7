"""
The event calendar ("Veranstaltungskalender").

An `Event` is one date or a series (an RFC 5545 RRULE with exception dates) organised by an
`Organisation` (the IQZ, a city). Content is German first with optional fields in the portal's other
languages (`title_de`, `title_en`, `title_tr`, …); the plain attribute (`event.title`) gives the active language and
falls back to German. What is public is decided in exactly one place: `EventQuerySet.published()`.
"""

import uuid
from datetime import datetime, timedelta

from cms.models import CMSPlugin
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from djangocms_text.fields import HTMLField
from filer.fields.file import FilerFileField
from filer.fields.image import FilerImageField

from events import links, recurrence
from familie_portal.content import ContentManager
from familie_portal.drafts import DraftMixin, one_draft_constraint
from familie_portal.scheduling import Scheduled, ScheduledQuerySet
from familie_portal.translation import columns, translated, written_in
from managers.models import Municipality, Organisation

# Sub-URLs of the calendar page that an event slug must not shadow.
RESERVED_SLUGS = {"archiv", "kalender", "rss", "atom", "veranstalter", "termine"}


class Term(models.Model):
    """A named, ordered value editors pick from (a category, a target group), in the portal's languages."""

    slug = models.SlugField(_("Kurzname in Adressen"), max_length=60, unique=True)
    name_de = models.CharField(_("Name (deutsch)"), max_length=100)
    name_en = models.CharField(_("Name (englisch)"), max_length=100, blank=True)
    name_tr = models.CharField(_("Name (Türkisch)"), max_length=100, blank=True)
    name_uk = models.CharField(_("Name (Ukrainisch)"), max_length=100, blank=True)
    name_ar = models.CharField(_("Name (Arabisch)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    objects = ContentManager()

    class Meta:
        abstract = True
        ordering = ["position", "name_de"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")


class Category(Term):
    """Kind of event: Werkstatt, Fachtag, Qualifizierung, Sprechstunde, …"""

    class Meta(Term.Meta):
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")


class TargetGroup(Term):
    """Who an event is for: Fachkräfte, Eltern, Verwaltung, …"""

    class Meta(Term.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


# The columns of a date card (templates/events/includes/event_card.html) and of recurrence.expand(), and
# the report's id (the Werkstattreihe leaves out the event a report is about); see EventQuerySet.for_cards().
CARD_FIELDS = (
    "slug", *columns("title", "lead"), "start", "end", "all_day", "rrule", "exdates",
    "venue_city", "booked_out", "report", "organiser__name", "organiser__short_name",
    *(f"category__{name}" for name in columns("name")),
)


class EventQuerySet(ScheduledQuerySet):
    def released(self):
        """Status "published", whatever the window says (the search index keeps these, see search.py)."""
        return self.filter(status=Event.Status.PUBLISHED)

    def published(self):
        """THE rule for what the public sees: status "published" and inside its window ("veröffentlichen
        am" / "zurückziehen am", compared with the moment of the query). Nothing else decides it."""
        return self.released().in_window()

    def overlapping(self, start, end):
        """Events with at least one occurrence that may touch [start, end).

        `series_end` is an upper bound of the last occurrence's end (NULL: a series without end),
        so this is one indexed range condition; recurrence.expand() does the exact cut.
        """
        return self.filter(start__lt=end).filter(Q(series_end__isnull=True) | Q(series_end__gte=start))

    def for_listing(self):
        """What feeds and the detail page render, without a query per event."""
        return self.select_related("organiser", "category", "municipality")

    def for_cards(self):
        """What a date card and the month grid show (templates/events/includes), and no more: no
        descriptions, addresses or registration details to load for the 60 events of a month page."""
        return self.select_related("organiser", "category").only(*CARD_FIELDS)

    def for_grid(self):
        """What a grid without cards needs (the sidebar calendar counts dates per day): the dates."""
        return self.only("start", "end", "all_day", "rrule", "exdates", "title_de")


class Event(DraftMixin, Scheduled, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    uid = models.UUIDField(_("Kalender-UID"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    title_de = models.CharField(_("Titel (deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    title_tr = models.CharField(_("Titel (Türkisch)"), max_length=200, blank=True)
    title_uk = models.CharField(_("Titel (Ukrainisch)"), max_length=200, blank=True)
    title_ar = models.CharField(_("Titel (Arabisch)"), max_length=200, blank=True)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=200, unique=True)
    lead_de = models.TextField(_("Kurzbeschreibung (deutsch)"), max_length=600, blank=True)
    lead_en = models.TextField(_("Kurzbeschreibung (englisch)"), max_length=600, blank=True)
    lead_tr = models.TextField(_("Kurzbeschreibung (Türkisch)"), max_length=600, blank=True)
    lead_uk = models.TextField(_("Kurzbeschreibung (Ukrainisch)"), max_length=600, blank=True)
    lead_ar = models.TextField(_("Kurzbeschreibung (Arabisch)"), max_length=600, blank=True)
    description_de = HTMLField(_("Beschreibung (deutsch)"), blank=True)
    description_en = HTMLField(_("Beschreibung (englisch)"), blank=True)
    description_tr = HTMLField(_("Beschreibung (Türkisch)"), blank=True)
    description_uk = HTMLField(_("Beschreibung (Ukrainisch)"), blank=True)
    description_ar = HTMLField(_("Beschreibung (Arabisch)"), blank=True)

    start = models.DateTimeField(_("Beginn"), help_text=_("Ortszeit (Europe/Berlin)"))
    end = models.DateTimeField(
        _("Ende"), help_text=_("Bei ganztägigen Terminen zählt nur das Datum: der letzte Tag der Veranstaltung.")
    )
    all_day = models.BooleanField(_("ganztägig"), default=False)
    rrule = models.CharField(
        _("Wiederholung (RRULE)"),
        max_length=300,
        blank=True,
        help_text=_(
            "Regel nach RFC 5545, z. B. FREQ=MONTHLY;BYDAY=1TU;UNTIL=20081231 (jeden ersten Dienstag bis Ende "
            "2008) oder FREQ=WEEKLY;COUNT=10. Leer für einen einzelnen Termin."
        ),
    )
    exdates = models.TextField(
        _("Ausnahmen"),
        blank=True,
        help_text=_("Tage, an denen ein Serientermin entfällt; je Zeile ein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)."),
    )
    series_end = models.DateTimeField(
        _("Ende des letzten Termins"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Berechnet; leer bei einer Serie ohne Ende."),
    )

    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    venue_street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    venue_postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    venue_city = models.CharField(_("Ort"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Kommune des Veranstaltungsorts"),
    )
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="events", verbose_name=_("Veranstalter")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("Kategorie")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="events", verbose_name=_("Zielgruppen")
    )
    report = models.ForeignKey(
        "workshops.Workshop", on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("Bericht zur Veranstaltung"),
        help_text=_("Der Werkstattbericht einer vergangenen Veranstaltung; gezeigt, sobald er veröffentlicht ist."),
    )

    registration_url = models.URLField(_("Anmeldung: Adresse im Web"), blank=True)
    registration_email = models.EmailField(_("Anmeldung: E-Mail"), blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True)
    booked_out = models.BooleanField(_("ausgebucht"), default=False)

    image = FilerImageField(
        null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("Bild")
    )
    image_alt = models.CharField(
        _("Alternativtext des Bildes"), max_length=300, blank=True,
        help_text=_("Leer: der Alternativtext aus der Dateiverwaltung."),
    )
    image_credit = models.CharField(
        _("Bildnachweis"), max_length=200, blank=True, help_text=_("Leer: Urheber aus der Dateiverwaltung.")
    )

    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = EventQuerySet.as_manager()

    # Drafts of a published event (familie_portal.drafts): the downloads and the registration settings
    # are part of the content; the dates people registered for stay the original's (registrations app).
    draft_children = ("downloads", "registration_settings")
    draft_keep = ("uid", "slug")

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["start"]
        constraints = [one_draft_constraint("event_one_draft")]
        indexes = [
            # Windows are "start before the window's end and series_end after its start": in the past
            # (May 2008) the start bound is the selective one, for "now" (alle Termine, the current
            # month, the feeds) the end bound; PostgreSQL picks the index that fits.
            models.Index(fields=["status", "start", "series_end"], name="event_public_window"),
            models.Index(fields=["status", "series_end"], name="event_public_ends"),
        ]

    def __str__(self):
        return self.title_de

    def save(self, *args, **kwargs):
        # Whole seconds, as every date is counted (recurrence.first_start; RFC 5545 has no fractions).
        for name in ("start", "end"):
            if isinstance(getattr(self, name), datetime):
                setattr(self, name, getattr(self, name).replace(microsecond=0))
        if self.rrule:
            self.rrule = recurrence.normalize_rrule(self.rrule, start=self.start)
        self.series_end = recurrence.series_end(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.event_url(self.slug)

    def get_preview_url(self) -> str:
        """The staff preview (drafts and scheduled events too); "" while the calendar is not on a page."""
        try:
            return reverse("events:preview", kwargs={"pk": self.pk})
        except NoReverseMatch:
            return ""

    @property
    def public_report(self):
        """The linked workshop report if the public may see it (its own published rule)."""
        report = self.report
        return report if report is not None and report.is_published else None

    # --- language ------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def content_language(self) -> str:
        """The language the title is shown in (German when not translated): iCal's LANGUAGE, cards."""
        return written_in(self, "title")

    def written_in(self, field: str) -> str:
        """The language `field` is shown in; templates mark the lead and description each by its own."""
        return written_in(self, field)

    @property
    def lead(self) -> str:
        return translated(self, "lead")

    @property
    def description(self) -> str:
        return translated(self, "description")

    # --- dates -----------------------------------------------------------------------------
    @property
    def is_series(self) -> bool:
        return bool(self.rrule)

    @property
    def exception_dates(self):
        return recurrence.parse_exdates(self.exdates, strict=False)

    @property
    def series_summary(self) -> str:
        """"jeden 1. Dienstag im Monat bis 31.12.2008" in the active language; "" for a single date."""
        return recurrence.summary(self)

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Dieser Kurzname ist für Seiten des Kalenders reserviert.")
        if self.start and self.end:
            if self.all_day:
                if timezone.localtime(self.end).date() < timezone.localtime(self.start).date():
                    errors["end"] = _("Der letzte Tag liegt vor dem ersten Tag.")
            elif self.end < self.start:
                errors["end"] = _("Das Ende liegt vor dem Beginn.")
        if self.rrule:
            try:
                self.rrule = recurrence.normalize_rrule(self.rrule, start=self.start)
            except ValueError as exc:
                errors["rrule"] = str(exc)
        try:
            recurrence.parse_exdates(self.exdates)
        except ValueError as exc:
            errors["exdates"] = str(exc)
        if self.exdates and not self.rrule:
            errors.setdefault("exdates", _("Ausnahmen gibt es nur bei Serienterminen."))
        deadline = self.registration_deadline
        if deadline and self.start and deadline > timezone.localtime(self.start).date():
            errors["registration_deadline"] = _("Der Anmeldeschluss liegt nach dem Beginn der Veranstaltung.")
        if self.image_id and not self.image_alt_text.strip():
            errors["image_alt"] = _("Bitte beschreiben Sie das Bild in einem Alternativtext.")
        if errors:
            raise ValidationError(errors)

    # --- registration -----------------------------------------------------------------------
    @property
    def has_registration(self) -> bool:
        return bool(self.registration_url or self.registration_email)

    @property
    def registration_open(self) -> bool:
        if self.booked_out:
            return False
        if self.registration_deadline:
            return timezone.localdate() <= self.registration_deadline
        return True

    # --- image --------------------------------------------------------------------------------
    @property
    def image_alt_text(self) -> str:
        if self.image_alt:
            return self.image_alt
        return (self.image.default_alt_text or "") if self.image else ""

    @property
    def image_credit_text(self) -> str:
        if self.image_credit:
            return self.image_credit
        return (self.image.author or "") if self.image else ""

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


class EventDownload(models.Model):
    """A document offered with an event: programme, flyer, documentation."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("Veranstaltung")
    )
    file = FilerFileField(on_delete=models.PROTECT, related_name="+", verbose_name=_("Datei"))
    title_de = models.CharField(_("Titel (deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    title_tr = models.CharField(_("Titel (Türkisch)"), max_length=200, blank=True)
    title_uk = models.CharField(_("Titel (Ukrainisch)"), max_length=200, blank=True)
    title_ar = models.CharField(_("Titel (Arabisch)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    objects = ContentManager()

    class Meta:
        verbose_name = _("Download")
        verbose_name_plural = _("Downloads")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title_de

    @property
    def title(self) -> str:
        return translated(self, "title")


def _template_folder_field():
    """Which look a plugin has: a folder of templates/events/plugins/ (events.cms_plugins)."""
    return models.CharField(
        _("Darstellung"), max_length=100, choices=settings.EVENTS_PLUGIN_TEMPLATE_FOLDERS,
        default=settings.EVENTS_PLUGIN_TEMPLATE_FOLDERS[0][0],
    )


class MiniCalendarPluginModel(CMSPlugin):
    """The sidebar calendar of the original page. Every field has a default (placed without data)."""

    show_week_numbers = models.BooleanField(_("Kalenderwochen zeigen"), default=True)
    template_folder = _template_folder_field()

    def __str__(self):
        return str(_("Veranstaltungskalender"))


class UpcomingEventsPluginModel(CMSPlugin):
    """The next few dates, optionally of one organiser. Every field has a default."""

    count = models.PositiveSmallIntegerField(_("Anzahl"), default=3)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("nur dieser Veranstalter"),
    )
    template_folder = _template_folder_field()

    def __str__(self):
        return str(_("Nächste Termine"))
