"""
Online registration ("Anmeldung") for events: one `RegistrationSettings` per event (on/off, window,
places, waiting list, the optional questions), one `EventDate` per date that has been asked for
(a registration belongs to ONE date of a series; the row is also the lock that keeps a date from being
overbooked, see services.py), and the `Registration`s of a date.

`RegistrationSettings` and `EventDate` are what visitors see ("noch 3 Plätze"): they write through
ContentQuerySet, so a confirmation reaches the page caches. A `Registration` is personal data: it never
reaches a cache, the search index, a feed or a log, and it is deleted after the date
(settings.PORTAL_REGISTRATION_RETENTION_DAYS, services.registrations_purge) - the counts stay on EventDate.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.calendar import local_date
from events.models import Event
from events.recurrence import occurrence_on
from familie_portal.content import ContentManager


class Accessibility(models.TextChoices):
    SIGN_LANGUAGE = "sign_language", _("Gebärdensprachdolmetschung")
    STEP_FREE = "step_free", _("stufenloser Zugang")
    HEARING_LOOP = "hearing_loop", _("Induktionsschleife")
    CHILDCARE = "childcare", _("Kinderbetreuung")


class RegistrationSettings(models.Model):
    """Whether and how visitors sign up for an event on the portal (for every date of a series)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="registration_settings", verbose_name=_("Veranstaltung")
    )
    enabled = models.BooleanField(_("Anmeldung über das Portal"), default=False)
    opens_at = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True,
                                    help_text=_("Leer: sofort."))
    closes_at = models.DateTimeField(
        _("Anmeldung bis"), null=True, blank=True,
        help_text=_("Leer: bis zum Beginn des Termins. Nie später als der Beginn."),
    )
    places = models.PositiveIntegerField(
        _("Plätze je Termin"), help_text=_("Für einzelne Termine einer Reihe unter „Termine mit Anmeldung“ änderbar.")
    )
    waiting_list = models.BooleanField(_("Warteliste"), default=True)
    ask_organisation = models.BooleanField(_("Organisation oder Kommune erfragen"), default=False)
    ask_phone = models.BooleanField(_("Telefon erfragen"), default=False)
    ask_accessibility = models.BooleanField(_("Barrierefreiheit und Kinderbetreuung erfragen"), default=True)
    ask_dietary = models.BooleanField(_("Verpflegungswünsche erfragen"), default=False)
    ask_message = models.BooleanField(_("Freitext (Anmerkungen) erfragen"), default=False)
    reminder_days = models.PositiveSmallIntegerField(
        _("Erinnerung N Tage vorher"), null=True, blank=True,
        help_text=_("Eine E-Mail an alle Bestätigten so viele Tage vor dem Termin. Leer oder 0: keine Erinnerung."),
    )
    notify_organiser = models.BooleanField(_("Veranstalter bei jeder Anmeldung/Abmeldung benachrichtigen"),
                                           default=False)
    organiser_email = models.EmailField(
        _("E-Mail des Veranstalters"), blank=True,
        help_text=_("Für die Benachrichtigungen. Leer: die E-Mail-Adresse zur Anmeldung der Veranstaltung."),
    )
    consent_text = models.TextField(
        _("Einwilligungstext"), blank=True,
        help_text=_("Leer: der Standardtext mit Verweis auf die Datenschutzerklärung."),
    )

    objects = ContentManager()

    class Meta:
        verbose_name = _("Anmeldung über das Portal")
        verbose_name_plural = _("Anmeldungen über das Portal")

    def __str__(self):
        return str(self.event)

    @property
    def organiser_address(self) -> str:
        """Where the organiser's notices go ("" : nowhere)."""
        return self.organiser_email or self.event.registration_email

    def clean(self):
        if self.notify_organiser and not self.organiser_address:
            raise ValidationError({"organiser_email": _(
                "Bitte geben Sie eine E-Mail-Adresse für die Benachrichtigungen an (oder bei der Veranstaltung "
                "eine E-Mail-Adresse zur Anmeldung).")})


class EventDate(models.Model):
    """One date of an event that people register for; its counters are changed only under a row lock."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registration_dates",
                              verbose_name=_("Veranstaltung"))
    start = models.DateTimeField(_("Beginn des Termins"))
    places = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer: die Plätze der Veranstaltung.")
    )
    closed = models.BooleanField(_("Anmeldung geschlossen"), default=False)
    confirmed = models.PositiveIntegerField(_("bestätigt"), default=0, editable=False)
    waiting = models.PositiveIntegerField(_("auf der Warteliste"), default=0, editable=False)
    cancelled = models.PositiveIntegerField(_("abgemeldet"), default=0, editable=False)

    objects = ContentManager()

    class Meta:
        verbose_name = _("Termin mit Anmeldung")
        verbose_name_plural = _("Termine mit Anmeldung")
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["event", "start"], name="registration_one_row_per_date")]

    def __str__(self):
        return f"{self.event} – {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.event_id and self.start:  # the occurrence's own start (an editor may type only the day)
            occurrence = occurrence_on(self.event, local_date(self.start))
            if occurrence is not None:
                self.start = occurrence.start
        super().save(*args, **kwargs)

    def clean(self):
        if self.event_id and self.start and occurrence_on(self.event, local_date(self.start)) is None:
            raise ValidationError({"start": _("Die Veranstaltung hat an diesem Tag keinen Termin.")})

    def places_total(self, settings: RegistrationSettings) -> int:
        return settings.places if self.places is None else self.places


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("noch nicht bestätigt")
        CONFIRMED = "confirmed", _("bestätigt")
        WAITING = "waiting", _("Warteliste")
        BOOKED_OUT = "booked_out", _("ausgebucht")
        CANCELLED = "cancelled", _("abgemeldet")

    # What holds a place or a position: one of these per address and date.
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event_date = models.ForeignKey(EventDate, on_delete=models.CASCADE, related_name="registrations",
                                   verbose_name=_("Termin"))
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    organisation = models.CharField(_("Organisation oder Kommune"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    accessibility = models.JSONField(_("Barrierefreiheit und Kinderbetreuung"), default=list, blank=True)
    accessibility_other = models.CharField(_("weitere Bedarfe"), max_length=500, blank=True)
    dietary = models.CharField(_("Verpflegung"), max_length=500, blank=True)
    message = models.TextField(_("Anmerkungen"), max_length=2000, blank=True)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    created = models.DateTimeField(_("angemeldet"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("auf der Warteliste seit"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event_date", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_date", "email"], condition=Q(status__in=["pending", "confirmed", "waiting"]),
                name="registration_one_active_per_address",
            ),
        ]
        indexes = [models.Index(fields=["event_date", "status", "waiting_since"], name="registration_queue")]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [str(labels.get(value, value)) for value in self.accessibility]
