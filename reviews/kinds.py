"""What review needs to know about each kind of content: is it public, what is it called, how it is
published. Pages are djangocms-versioning page contents; the others are plain models with a status
field whose "published" value is what the public sees."""

from cms.models import PageContent
from django.utils.translation import gettext as _
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

from familie_portal import drafts
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


def publish(obj, user, at=None):
    """Make `obj` public as it is now (the reviewer's act, after the checks of reviews.services).

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
        version.publish(user)
    elif isinstance(obj, Workshop):
        from workshops.services import workshop_set_status

        workshop_set_status(workshop=obj, status=Workshop.Status.PUBLISHED, user=user)
    else:
        if isinstance(obj, FamilyManager) and not obj.consent_to_publication:
            raise ReviewError(_("Ohne Einwilligung der Person kann das Profil nicht veröffentlicht werden."))
        obj.status = type(obj).Status.PUBLISHED
        obj.save()
    return obj


def admin_url_name(obj) -> str:
    if isinstance(obj, PageContent):
        return ""
    return f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change"
