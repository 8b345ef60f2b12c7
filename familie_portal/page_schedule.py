"""
A new version of a page published for later (djangocms-timed-publishing's "visible after") replaces
the public version at that moment, not at once.

djangocms-versioning's `Version.publish()` unpublishes the page's published version in the same step,
whatever the new version's visibility says, so the page was offline between the publish and the start.
`publish_version()` is the one way the portal publishes a page version with time limits (the toolbar's
"Veröffentlichen mit Zeitgrenzen" dialog, familie_portal.admin_pages, and the IQZ's approval with a time,
reviews.kinds): a new page or a start that has come is published as before (the window is stored on the
version, django CMS reads it whenever it loads page contents); a later start while another version is
public keeps the new version a draft with its window and a `ScheduledPagePublication`. At the first
request after the moment (`scheduling.catch_up()`, which counts these moments in `next_change()`) or in
the daily job, `publish_due()` publishes it with `Version.publish()`: the old version ends and the new
one begins in the same minute, in the pages, menu, sitemap, search and every cache.

While it waits the version stays a draft in django CMS (editors may still change it; what it holds at
the moment is published); publishing or discarding it otherwise ends the plan.
"""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

from familie_portal.models import ScheduledPagePublication

logger = logging.getLogger(__name__)


def public_version(version: Version) -> Version | None:
    """The version of the same page and language (grouping values) that the public sees now."""
    now = timezone.now()
    return (
        Version.objects.filter_by_content_grouping_values(version.content)
        .exclude(pk=version.pk).filter(state=PUBLISHED)
        .filter(Q(visibility__isnull=True) | Q(visibility__end__isnull=True) | Q(visibility__end__gt=now))
        .filter(Q(visibility__isnull=True) | Q(visibility__start__isnull=True) | Q(visibility__start__lte=now))
        .first()
    )


def waits(version: Version, start: datetime | None) -> bool:
    """Would publishing `version` with this start end a public version before the start?"""
    return start is not None and start > timezone.now() and public_version(version) is not None


@transaction.atomic
def publish_version(version: Version, user, *, start: datetime | None = None,
                    end: datetime | None = None) -> ScheduledPagePublication | None:
    """Publish `version` with its visibility window now, or (a later start while another version is
    public) at the start. Returns the plan in that case, None when it was published. The caller has
    checked that `user` may publish it (Version.check_publish)."""
    if start is not None or end is not None:
        TimedPublishingInterval.objects.update_or_create(version=version, defaults={"start": start, "end": end})
    if waits(version, start):
        plan, _created = ScheduledPagePublication.objects.update_or_create(
            version=version, defaults={"publish_at": start, "user": user})
        return plan
    ScheduledPagePublication.objects.filter(version=version).delete()
    version.publish(user)
    return None


def planned(version: Version) -> ScheduledPagePublication | None:
    return ScheduledPagePublication.objects.filter(version=version, version__state=DRAFT).first()


def pending():
    """Plans still to come (their version is still a draft): what next_change() and the start page read."""
    return ScheduledPagePublication.objects.filter(version__state=DRAFT)


def publish_due(now: datetime | None = None) -> int:
    """Publish every planned version whose moment has come (catch_up(), the daily job); returns how many."""
    now = now or timezone.now()
    published = 0
    for pk in list(ScheduledPagePublication.objects.filter(publish_at__lte=now).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                plan = (ScheduledPagePublication.objects.select_for_update(skip_locked=True)
                        .select_related("version", "user").filter(pk=pk).first())
                if plan is None:  # taken by a parallel request
                    continue
                version, user = plan.version, plan.user
                plan.delete()
                if version.state == DRAFT:
                    version.publish(user)
                    published += 1
        except IntegrityError:  # a URL collision found by django CMS: the plan is dropped, the old one stays
            logger.exception("Scheduled page version not published", extra={"plan": pk})
            ScheduledPagePublication.objects.filter(pk=pk).delete()
    return published
