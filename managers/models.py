"""
Places of North Rhine-Westphalia, the people who edit for them, and the certified
Familienmanagerinnen und -manager active there.

Regierungsbezirk → Kreis (or kreisfreie Stadt) → Municipality (Gemeinde), each with its official
key (Amtlicher Gemeindeschlüssel, AGS). A `MunicipalEditor` ties a staff user of the
"Kommunale Redaktion" to the one municipality whose data they may keep current.
A `FamilyManager` profile is public only through `FamilyManager.objects.public()`.
"""

import uuid
from pathlib import PurePath

from cms.models import CMSPlugin
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from easy_thumbnails.fields import ThumbnailerImageField

from familie_portal.content import ContentManager
from familie_portal.drafts import DraftMixin, one_draft_constraint
from familie_portal.scheduling import Scheduled, ScheduledQuerySet
from familie_portal.translation import translated, written_in
from familie_portal.validators import validate_image_upload


class Regierungsbezirk(models.Model):
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    key = models.CharField(_("Schlüssel"), max_length=3, unique=True, help_text=_("z. B. 059 für Arnsberg"))
    objects = ContentManager()

    class Meta:
        verbose_name = _("Regierungsbezirk")
        verbose_name_plural = _("Regierungsbezirke")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Kreis(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    key = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    regierungsbezirk = models.ForeignKey(
        Regierungsbezirk, on_delete=models.PROTECT, related_name="kreise", verbose_name=_("Regierungsbezirk")
    )
    is_kreisfreie_stadt = models.BooleanField(_("kreisfreie Stadt"), default=False)
    objects = ContentManager()

    class Meta:
        verbose_name = _("Kreis / kreisfreie Stadt")
        verbose_name_plural = _("Kreise und kreisfreie Städte")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("Kreis"))
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Four eyes (reviews/): its editors submit pages, events and profiles to the IQZ instead of publishing.
    review_required = models.BooleanField(
        _("Veröffentlichung nur nach Prüfung durch die IQZ-Redaktion"), default=True,
        help_text=_("Die Kommunale Redaktion reicht Seiten, Veranstaltungen und Profile zur Prüfung ein; "
                    "veröffentlichen kann dann nur die IQZ-Redaktion."),
    )
    objects = ContentManager()

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        try:
            return reverse("managers:municipality", kwargs={"slug": self.slug})
        except NoReverseMatch:
            return ""


class Organisation(models.Model):
    """Who organises events and workshops: the IQZ, the ministry, a municipality, an association.

    Shared by events and workshop reports ("Weitere Veranstaltungen des IQZ im Jahr 2008").
    An organisation tied to a municipality is that municipality's to edit.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("Land / IQZ")
        MUNICIPALITY = "municipality", _("Kommune")
        KREIS = "kreis", _("Kreis")
        OTHER = "other", _("Verband / freier Träger")

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True, help_text=_("z. B. IQZ"))
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=60, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("Kommune"),
    )
    website = models.URLField(_("Website"), blank=True)
    objects = ContentManager()

    class Meta:
        verbose_name = _("Veranstalter / Organisation")
        verbose_name_plural = _("Veranstalter / Organisationen")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The short name where there is one: "Veranstaltungen des IQZ"."""
        return self.short_name or self.name


class MunicipalEditor(models.Model):
    """A member of the Kommunale Redaktion and the municipality they edit for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="municipal_editor", verbose_name=_("Benutzer")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="editors", verbose_name=_("Kommune")
    )
    objects = ContentManager()

    class Meta:
        verbose_name = _("Kommunale Redakteurin / Kommunaler Redakteur")
        verbose_name_plural = _("Kommunale Redaktion")

    def __str__(self):
        return f"{self.user} – {self.municipality}"


class FamilyManagerQuerySet(ScheduledQuerySet):
    def released(self):
        """Published and consented to, whatever the window says (the search index keeps these)."""
        return self.filter(status=FamilyManager.Status.PUBLISHED, consent_to_publication=True)

    def public(self):
        """THE one place that decides what the public sees: published AND consented to publication AND
        inside its window ("veröffentlichen am" / "zurückziehen am", compared with the moment of the query)."""
        return self.released().in_window()

    def active_in(self, municipality):
        """Profiles active in the municipality itself or across its whole Kreis (each once: a subquery
        instead of a join, so no DISTINCT)."""
        through = FamilyManager.municipalities.through
        return self.filter(
            Q(pk__in=through.objects.filter(municipality=municipality).values("familymanager_id"))
            | Q(kreis_id=municipality.kreis_id)
        )


def _photo_path(instance, filename) -> str:
    # A random name: the file's URL must not reveal the person's name.
    return f"familienmanager/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class FamilyManager(DraftMixin, Scheduled, models.Model):
    """A certified Familienmanagerin / Familienmanager and where they work."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    name = models.CharField(_("Name"), max_length=150)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=160, unique=True)
    photo = ThumbnailerImageField(
        _("Foto"), upload_to=_photo_path, blank=True, validators=[validate_image_upload],
        help_text=_("JPEG, PNG, GIF oder WebP; höchstens 8 MB."),
    )
    photo_alt = models.CharField(
        _("Alternativtext zum Foto"), max_length=200, blank=True,
        help_text=_("Was ist auf dem Foto zu sehen? Pflicht, wenn ein Foto hochgeladen wird."),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="family_managers",
        verbose_name=_("Organisation"),
    )
    role = models.CharField(_("Funktion"), max_length=150, blank=True, help_text=_("z. B. Leitung Familienbüro"))
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="family_managers", verbose_name=_("aktiv in den Kommunen"),
    )
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, null=True, blank=True, related_name="family_managers",
        verbose_name=_("kreisweit aktiv im Kreis"),
        help_text=_("Nur für Familienmanager, die für einen ganzen Kreis zuständig sind."),
    )
    # Public contact: each piece of data is shown only with its own opt-in.
    email = models.EmailField(_("E-Mail"), blank=True)
    show_email = models.BooleanField(_("E-Mail veröffentlichen"), default=False)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    show_phone = models.BooleanField(_("Telefon veröffentlichen"), default=False)
    address = models.TextField(_("Anschrift"), blank=True)
    show_address = models.BooleanField(_("Anschrift veröffentlichen"), default=False)
    # Certification
    course = models.CharField(_("Qualifizierungskurs / Jahrgang"), max_length=150, blank=True)
    certified_on = models.DateField(_("zertifiziert am"), null=True, blank=True)
    certificate_number = models.CharField(_("Zertifikatsnummer"), max_length=50, blank=True)
    certificate_valid_until = models.DateField(_("Zertifikat gültig bis"), null=True, blank=True)
    focus = models.TextField(_("Schwerpunkte"), blank=True)
    focus_en = models.TextField(_("Schwerpunkte (Englisch)"), blank=True)
    focus_tr = models.TextField(_("Schwerpunkte (Türkisch)"), blank=True)
    focus_uk = models.TextField(_("Schwerpunkte (Ukrainisch)"), blank=True)
    focus_ar = models.TextField(_("Schwerpunkte (Arabisch)"), blank=True)
    # Publication
    consent_to_publication = models.BooleanField(_("Einwilligung in die Veröffentlichung"), default=False)
    consent_date = models.DateField(_("Datum der Einwilligung"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = FamilyManagerQuerySet.as_manager()

    # A draft of a published profile (familie_portal.drafts); the municipalities are copied with it.
    draft_keep = ("slug",)

    class Meta:
        verbose_name = _("Familienmanagerin / Familienmanager")
        verbose_name_plural = _("Familienmanagerinnen und -manager")
        ordering = ["name", "pk"]
        constraints = [one_draft_constraint("familymanager_one_draft")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("managers:detail", kwargs={"slug": self.slug})

    def get_preview_url(self) -> str:
        """The staff preview (drafts and scheduled profiles too); "" while the directory is not on a page."""
        try:
            return reverse("managers:preview", kwargs={"pk": self.pk})
        except NoReverseMatch:
            return ""

    # --- language (familie_portal.translation: the asked language's column if filled, else German) ---
    @property
    def focus_de(self) -> str:
        """The German focus: the column is `focus` (older than the translated ones)."""
        return self.focus

    @property
    def focus_language(self) -> str:
        """The language `localized_focus` is written in."""
        return written_in(self, "focus")

    @property
    def localized_focus(self) -> str:
        return translated(self, "focus")

    def translated_focus(self, language: str) -> str:
        return translated(self, "focus", language)


def plugin_template_folders() -> list[tuple[str, str]]:
    """The layouts a map teaser may choose (settings.MANAGERS_PLUGIN_TEMPLATE_FOLDERS): each a folder
    under templates/managers/plugins/. A callable, so a site adds folders without a migration."""
    return settings.MANAGERS_PLUGIN_TEMPLATE_FOLDERS


class MapTeaser(CMSPlugin):
    """ "Karte klein" of the original sidebar: a small map and a link to the directory.

    Every field may stay empty (the demo adds the plugin without data): the template then shows
    the original page's wording, translated for the page's language.
    """

    title = models.CharField(_("Überschrift"), max_length=200, blank=True, default="")
    text = models.TextField(_("Text"), blank=True, default="")
    link_text = models.CharField(_("Linktext"), max_length=60, blank=True, default="")
    show_map = models.BooleanField(_("Karte zeigen"), default=True)
    template_folder = models.CharField(
        _("Darstellung"), max_length=100, choices=plugin_template_folders, default="default",
        help_text=_("Wie der Hinweis auf der Seite aussieht; „Standard“ passt auf jede Seite."),
    )

    def __str__(self):
        return self.title or str(_("Karte klein Familienmanager"))
