"""What review needs to know about each kind of content: is it public, what is it called, how it is
published. Pages are djangocms-versioning page contents; the others are plain models with a status
field whose "published" value is what the public sees."""

from datetime import datetime

from cms.models import PageContent
from django.utils import timezone
from django.utils.translation import gettext as _
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

from familie_portal import drafts, page_schedule
from managers.models import FamilyManager
from workshops.models import Workshop


def is_public(obj) -> bool:
    if isinstance(obj, PageContent):
        return Version.objects.get_for_content(obj).state == PUBLISHED
    return obj.status == type(obj).Status.PUBLISHED


def title(obj) -> str:
    if isinstance(obj, PageContent):
        return f"{obj.title} ({obj.language})"
    return str(obj)


def publish(obj, user, at: datetime | None = None):
    """Make `obj` public as it is now, at once or (`at`, a later moment) from `at` on: the reviewer's act,
    after the checks of reviews.services. Pages: the version is published with djangocms-timed-publishing's
    visibility start (a page with a public version keeps that until `at`: familie_portal.page_schedule);
    events, reports, profiles: published with "veröffentlichen am" (no `at`: cleared).

    Returns what the public then sees: `obj`, or for the draft of a published object its original,
    into which the draft is merged (at `at`, if that is later: familie_portal.drafts)."""
    from reviews.services import ReviewError

    if drafts.is_draft_copy(obj):
        try:
            return drafts.publish_draft(obj, user=user, at=at)
        except drafts.DraftError as error:
            raise ReviewError(str(error)) from None
    if isinstance(obj, PageContent):
        version = Version.objects.get_for_content(obj)
        if version.state != DRAFT:
            raise ReviewError(_("Diese Fassung ist kein Entwurf mehr."))
        # A page with a public version keeps it until `at` (familie_portal.page_schedule).
        page_schedule.publish_version(version, user, start=at)
        return obj
    if isinstance(obj, FamilyManager) and not obj.consent_to_publication:
        raise ReviewError(_("Ohne Einwilligung der Person kann das Profil nicht veröffentlicht werden."))
    if obj.withdraw_at is not None and obj.withdraw_at <= (at or timezone.now()):
        raise ReviewError(_("„Zurückziehen am“ liegt vor der Veröffentlichung; bitte erst dort ändern."))
    obj.publish_at = at
    if isinstance(obj, Workshop):
        from workshops.services import workshop_set_status

        workshop_set_status(workshop=obj, status=Workshop.Status.PUBLISHED, user=user)
    else:
        obj.status = type(obj).Status.PUBLISHED
        obj.save()
    return obj


def planned_publication(obj) -> datetime | None:
    """The later moment `obj` is already set to become public at ("veröffentlichen am" of its form)."""
    moment = None if isinstance(obj, PageContent) else obj.publish_at
    return moment if moment is not None and moment > timezone.now() else None


def replaces_public_version(obj) -> bool:
    """A page draft whose page has a published version (approved for later, that one stays public until then)."""
    if not isinstance(obj, PageContent):
        return False
    return PageContent.admin_manager.filter(page=obj.page, language=obj.language,
                                            versions__state=PUBLISHED).exists()


def admin_url_name(obj) -> str:
    if isinstance(obj, PageContent):
        return ""
    return f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change"
