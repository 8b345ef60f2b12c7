from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from familie_portal.content import ContentManager


class SearchDocument(models.Model):
    """One public thing in one language, as the site search sees it.

    Written only by `familie_portal.search.index`; a row exists only while its source is public or
    scheduled to be, and is found only inside its window (`visible_from`/`visible_until`, read when
    the search runs).
    `search_vector` is filled on PostgreSQL (German or English configuration, title weighted
    over body) and stays empty on SQLite, where `folded` text is matched instead.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    language = models.CharField(max_length=10)
    kind = models.CharField(_("Art"), max_length=20, db_index=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True)
    # Title and body folded (lower case, ü → ue): the text the search vector is built from,
    # and what the SQLite fallback matches. On PostgreSQL folded_body is emptied once the
    # vector is computed (see search.index.update_vectors).
    folded_title = models.CharField(max_length=300, blank=True)
    folded_body = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)
    # The source's publication window (familie_portal.scheduling): the search shows a row only inside it.
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="search_document_unique"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="search_document_vector_gin"),
            models.Index(fields=["language", "kind"], name="search_document_lang_kind"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title} ({self.language})"


class ContentCheck(models.Model):
    """An editor confirmed that a published page, event, report or profile is still current ("noch aktuell").

    The editor's start page lists content of theirs that nobody has changed or confirmed for
    `familie_portal.editorial.STALE_AFTER`; confirming it here takes it off that list for another year.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    checked_at = models.DateTimeField(_("zuletzt geprüft"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("geprüft von"),
    )

    class Meta:
        verbose_name = _("Aktualitätsprüfung")
        verbose_name_plural = _("Aktualitätsprüfungen")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="content_check_unique"),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}: {self.checked_at:%Y-%m-%d}"


class ScheduledPagePublication(models.Model):
    """A page version (djangocms-versioning) to be published at `publish_at`, kept as a draft until then.

    djangocms-versioning ends the published version of a page the moment a new one is published, also
    one with a later visibility start (djangocms-timed-publishing): the page would be offline until that
    start. So a new version for later waits here, and the previous one stays public until the moment
    (`familie_portal.page_schedule`). Written through ContentManager: recording one starts a new content
    generation, so the caches learn the moment at once (`scheduling.next_change`).
    """

    version = models.OneToOneField("djangocms_versioning.Version", on_delete=models.CASCADE,
                                   related_name="scheduled_publication")
    publish_at = models.DateTimeField(_("veröffentlichen am"), db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    objects = ContentManager()

    class Meta:
        verbose_name = _("geplante Veröffentlichung einer Seite")
        verbose_name_plural = _("geplante Veröffentlichungen von Seiten")

    def __str__(self):
        return f"{self.version} → {self.publish_at:%Y-%m-%d %H:%M}"
