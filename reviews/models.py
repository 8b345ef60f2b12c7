"""
Review before publishing ("vier Augen"): one `Review` per submission of a page draft, an event, a
workshop report or a Familienmanager profile to the IQZ-Redaktion.

The content itself keeps deciding what the public sees (its status field and `published()` /
`public()`; for pages djangocms-versioning's published version). A review only records who asked,
who decided and what they wrote; `reviews.services` decides who may set the status.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReviewQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=Review.State.SUBMITTED)

    def returned(self):
        return self.filter(state=Review.State.RETURNED)

    def approved_for_later(self, now):
        """Approved for a publication still to come."""
        return self.filter(state=Review.State.APPROVED, publish_at__gt=now)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                           object_id=obj.pk)


class Review(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Zur Prüfung eingereicht")
        APPROVED = "approved", _("Freigegeben und veröffentlicht")
        RETURNED = "returned", _("Zurückgegeben")
        # Taken back by the author before a decision (reviews.services.withdraw), or its draft discarded.
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("Art"))
    object_id = models.PositiveBigIntegerField(_("Objekt"))
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("Titel"), max_length=300, help_text=_("Titel beim Einreichen."))
    state = models.CharField(_("Stand"), max_length=12, choices=State.choices, default=State.SUBMITTED)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="reviews_submitted", verbose_name=_("eingereicht von"))
    comment = models.TextField(_("Kommentar beim Einreichen"))
    submitted_at = models.DateTimeField(_("eingereicht am"), default=timezone.now)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reviews_decided", verbose_name=_("geprüft von"))
    decision_comment = models.TextField(_("Kommentar der Prüfung"), blank=True)
    decided_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    # Approved for a later moment: the content is public from then on (its own schedule says so; this
    # records the decision for the author's mail and start page).
    publish_at = models.DateTimeField(_("veröffentlichen am"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("Prüfung")
        verbose_name_plural = _("Prüfungen")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # At most one open submission per object.
            models.UniqueConstraint(fields=["content_type", "object_id"], condition=Q(state="submitted"),
                                    name="review_one_open_per_object"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="review_object")]

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"

    @property
    def publication_note(self) -> str:
        """"wird am 12.05.2027 um 10:00 Uhr veröffentlicht" (local time) for an approval for later, else ""."""
        if self.state != self.State.APPROVED or self.publish_at is None:
            return ""
        moment = timezone.localtime(self.publish_at)
        return gettext("wird am %(day)s um %(time)s Uhr veröffentlicht") % {
            "day": date_format(moment, "d.m.Y"), "time": date_format(moment, "H:i")}
