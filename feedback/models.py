"""
Feedback and contact messages from the form at /kontakt/ (feedback.views), worked on by the IQZ-Redaktion
in the admin, and the dates of the accessibility statement the IQZ keeps current.

A message's personal data (name, e-mail address, message, answer) is deleted by the daily job after
PORTAL_FEEDBACK_RETENTION_DAYS (feedback.services.feedback_purge); topic, status, page and dates remain
for the statistics.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from familie_portal.content import ContentManager

MESSAGE_MAX_LENGTH = 5000


class Topic(models.TextChoices):
    BARRIER = "barriere", _("Barriere melden")
    WORKSHOPS = "werkstattreihe", _("Frage zur Werkstattreihe")
    EVENTS = "veranstaltungen", _("Frage zu Veranstaltungen")
    QUALIFICATION = "qualifizierung", _("Frage zur Qualifizierung")
    OTHER = "sonstiges", _("Sonstiges")


class FeedbackQuerySet(models.QuerySet):
    def with_personal_data(self):
        return self.filter(purged_at__isnull=True)


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "neu", _("neu")
        IN_PROGRESS = "in_bearbeitung", _("in Bearbeitung")
        ANSWERED = "beantwortet", _("beantwortet")

    # The form's one-time key: the same form sent twice stores one message.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("Nachricht"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254, blank=True)
    page = models.CharField(_("Betroffene Seite"), max_length=500, blank=True,
                            help_text=_("Pfad der Seite dieses Portals, um die es geht."))
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("Antwort"), max_length=10000, blank=True)
    answered_at = models.DateTimeField(_("Beantwortet am"), null=True, blank=True)
    answer_sent_at = models.DateTimeField(_("Antwort gesendet am"), null=True, blank=True)
    created = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    purged_at = models.DateTimeField(_("Personenbezogene Daten gelöscht am"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self):
        return f"{self.get_topic_display()} ({self.created:%d.%m.%Y})" if self.created else self.get_topic_display()


class AccessibilityStatement(models.Model):
    """One row: the dates the accessibility statement page shows (feedback.cms_plugins), kept by the IQZ."""

    prepared_on = models.DateField(_("Erstellt am"))
    reviewed_on = models.DateField(_("Zuletzt überprüft am"))

    objects = ContentManager()

    class Meta:
        verbose_name = _("Stand der Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Stand der Erklärung zur Barrierefreiheit")

    def __str__(self):
        return str(_("Stand der Erklärung zur Barrierefreiheit"))
