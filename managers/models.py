"""
Places of North Rhine-Westphalia and the people who edit for them.

Regierungsbezirk → Kreis (or kreisfreie Stadt) → Municipality (Gemeinde), each with its official
key (Amtlicher Gemeindeschlüssel, AGS). A `MunicipalEditor` ties a staff user of the
"Kommunale Redaktion" to the one municipality whose data they may keep current.
"""

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class Regierungsbezirk(models.Model):
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    key = models.CharField(_("Schlüssel"), max_length=3, unique=True, help_text=_("z. B. 059 für Arnsberg"))

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

    class Meta:
        verbose_name = _("Kommunale Redakteurin / Kommunaler Redakteur")
        verbose_name_plural = _("Kommunale Redaktion")

    def __str__(self):
        return f"{self.user} – {self.municipality}"
