"""What the editor's start page shows of django CMS pages (see familie_portal.editorial): the editor's own
page drafts, those of them waiting to replace the public version at a later moment ("Geplant",
familie_portal.page_schedule), and the pages they published that nobody has changed or confirmed for a year."""

from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_edit_url
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from familie_portal.editorial import STALE_AFTER, Entries, Item, changed, check_of, entries, local_time
from familie_portal.models import ContentCheck


def _item(version, *, check: bool = False) -> Item:
    content = version.content
    return Item(content.title, get_object_edit_url(content, content.language),
                changed(_("Seite (%(language)s)") % {"language": content.language}, version.modified),
                check_of(content.page) if check else None)


def _planned_item(version) -> Item:
    content = version.content
    kind = _("Seite (%(language)s)") % {"language": content.language}
    when = _("veröffentlichen am %(when)s") % {"when": local_time(version.scheduled_publication.publish_at)}
    return Item(content.title, get_object_edit_url(content, content.language), f"{kind} · {when}")


def items(user, now) -> dict[str, Entries]:
    if not user.has_perm("cms.change_page"):
        return {}
    mine = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(PageContent), created_by=user,
    ).prefetch_related("content__page")
    cutoff = now - STALE_AFTER
    checked = ContentCheck.objects.filter(
        content_type=ContentType.objects.get_for_model(Page), checked_at__gte=cutoff,
    ).values("object_id")
    not_checked = mine.filter(state=constants.PUBLISHED, modified__lt=cutoff).exclude(
        object_id__in=PageContent.admin_manager.filter(page__in=checked).values("pk"),
    )
    planned = mine.filter(state=constants.DRAFT, scheduled_publication__publish_at__gt=now).select_related(
        "scheduled_publication")
    return {
        "drafts": entries(mine.filter(state=constants.DRAFT).order_by("-modified"), _item),
        "scheduled": entries(planned.order_by("scheduled_publication__publish_at"), _planned_item),
        "stale": entries(not_checked.order_by("modified"), lambda version: _item(version, check=True)),
    }
