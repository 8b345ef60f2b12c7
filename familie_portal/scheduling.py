"""
Scheduled publishing: "veröffentlichen am" and "zurückziehen am" for events, reports and profiles.

The window is part of each model's one visibility rule (`published()`/`public()`): the QuerySet
compares with `timezone.now()` when it runs, so the public sees the change at that minute without any
process running then. The caches (familie_portal.caching) keep nothing beyond the next scheduled
change of any content (`next_change()`), which covers django CMS pages published with time limits
(djangocms-timed-publishing) as well.
"""

import logging
from datetime import datetime

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from familie_portal.content import ContentQuerySet

logger = logging.getLogger(__name__)

SCHEDULE_HELP = _("Ortszeit (Europe/Berlin). Leer: sofort bzw. ohne Ende; gilt nur mit dem Status „Veröffentlicht“.")


def window_q(now: datetime | None = None, prefix: str = "") -> Q:
    """Rows whose window holds at `now` (default: this moment): started and not yet withdrawn."""
    now = now or timezone.now()
    return (Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})) & (
        Q(**{f"{prefix}withdraw_at__isnull": True}) | Q(**{f"{prefix}withdraw_at__gt": now})
    )


class ScheduledQuerySet(ContentQuerySet):
    def in_window(self, now: datetime | None = None):
        """Inside their publication window now (part of `published()`, never used alone for the public)."""
        return self.filter(window_q(now))

    def not_withdrawn(self, now: datetime | None = None):
        """Still public now or later: what the search index keeps (it filters the window when read)."""
        now = now or timezone.now()
        return self.filter(Q(withdraw_at__isnull=True) | Q(withdraw_at__gt=now))


class Scheduled(models.Model):
    """A publication window; the model's status still says whether it is meant to be public at all."""

    publish_at = models.DateTimeField(_("veröffentlichen am"), null=True, blank=True, db_index=True,
                                      help_text=SCHEDULE_HELP)
    withdraw_at = models.DateTimeField(_("zurückziehen am"), null=True, blank=True, db_index=True,
                                      help_text=SCHEDULE_HELP)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_at and self.withdraw_at and self.withdraw_at <= self.publish_at:
            raise ValidationError({"withdraw_at": _("„Zurückziehen am“ muss nach „Veröffentlichen am“ liegen.")})

    def in_window(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return (self.publish_at is None or self.publish_at <= now) and (
            self.withdraw_at is None or self.withdraw_at > now
        )

    @property
    def is_scheduled(self) -> bool:
        """Published, but its window opens later: "geplant"."""
        return self.publish_at is not None and self.publish_at > timezone.now()


def scheduled_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, Scheduled)]


def _upcoming_moment(now: datetime) -> datetime | None:
    """The first publish or withdraw moment after `now` of any scheduled model and of a CMS page
    published with time limits: one query (a UNION of indexed range reads)."""
    from familie_portal.drafts import drafted_models

    columns = [
        (model._default_manager, name) for model in scheduled_models() for name in ("publish_at", "withdraw_at")
    ]
    # A draft approved for a later moment replaces its published original then (familie_portal.drafts).
    columns += [(model._default_manager.filter(draft_of__isnull=False), "merge_at") for model in drafted_models()]
    # A new page version published for later replaces the public one then (familie_portal.page_schedule).
    from familie_portal.page_schedule import pending

    columns += [(pending(), "publish_at")]
    if apps.is_installed("djangocms_timed_publishing"):
        from djangocms_timed_publishing.models import TimedPublishingInterval
        from djangocms_versioning.constants import PUBLISHED

        intervals = TimedPublishingInterval.objects.filter(version__state=PUBLISHED)
        columns += [(intervals, "start"), (intervals, "end")]
    reads = [
        manager.filter(**{f"{name}__gt": now}).order_by().annotate(moment=F(name)).values_list("moment", flat=True)
        for manager, name in columns
    ]
    if not reads:
        return None
    return reads[0].union(*reads[1:], all=True).order_by("moment").first()


def next_change(generation: int) -> datetime | None:
    """
    The earliest scheduled change of any content that was upcoming when the content generation began
    (None: nothing scheduled), cached for the generation: every save advances the generation, so a newly
    scheduled moment is seen at once, and so does catch_up() when the moment has passed.
    """
    key = f"portal:schedule:{generation}"
    entry = cache.get(key)
    if entry is not None:
        return entry[0]  # possibly passed: catch_up() then starts a new generation
    moment = _upcoming_moment(timezone.now())
    # Kept for the generation's whole life (a small key per generation): when the moment has passed,
    # catch_up() must still see it, however long nobody asked.
    cache.set(key, (moment,), None)
    return moment


def _apply_due_changes() -> None:
    """Drafts approved for the moment replace their originals; page versions published for it replace
    the public version (familie_portal.page_schedule)."""
    from django.db import DatabaseError

    from familie_portal.drafts import merge_due
    from familie_portal.page_schedule import publish_due

    for apply, what in ((merge_due, "Approved drafts not merged"), (publish_due, "Scheduled pages not published")):
        try:
            apply()
        except DatabaseError:  # tried again at the next moment's request and in the daily job
            logger.exception(what)


def catch_up() -> None:
    """
    At the first request after a scheduled moment: merge the drafts approved for that moment
    (familie_portal.drafts) and publish the page versions planned for it (familie_portal.page_schedule),
    start a new content generation (familie_portal.caching),
    as a save would, and empty django CMS's menu cache (its nodes leave out pages whose time limits had not
    started; djangocms-timed-publishing). Nothing cached before the moment is used after it. Called first
    in every request, with the portal's caches on or off (caching.middleware: with them off, as in
    `make run`, drafts and the menu follow the moment as well); costs two cache reads, and one query per
    generation.
    """
    from django.db import DatabaseError

    from familie_portal import caching

    try:
        moment = next_change(caching.generation())
    except DatabaseError:  # the database is away: cached pages are still served (README, "Betrieb")
        return
    if moment is not None and moment <= timezone.now():
        _apply_due_changes()
        caching.content_changed()
        if apps.is_installed("menus"):
            from menus.menu_pool import menu_pool

            menu_pool.clear(all=True)
