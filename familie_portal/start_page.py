"""What the editor's start page shows of django CMS pages (see familie_portal.editorial): the editor's own
page drafts, those of them waiting to replace the public version at a later moment ("Geplant",
familie_portal.page_schedule), and the pages they published that nobody has changed or confirmed for a year."""

from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_edit_url
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, When
from django.urls import reverse
from django.utils.translation import gettext as _
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from familie_portal.editorial import STALE_AFTER, Entries, Item, Step, changed, check_of, entries, local_time
from familie_portal.models import ContentCheck
from managers.municipality_pages import page_reverse_id
from managers.selectors import municipality_for_user


def own_page_version(user) -> Version | None:
    """The version of the Kommunale Redaktion's own municipality page (German) to edit: its draft if there
    is one, else the published version (None for anybody else, or before the page exists)."""
    municipality = municipality_for_user(user)
    if municipality is None:
        return None
    contents = PageContent.admin_manager.filter(page__reverse_id=page_reverse_id(municipality.slug),
                                                language=settings.LANGUAGE_CODE)
    return (Version.objects.filter(content_type=ContentType.objects.get_for_model(PageContent),
                                   object_id__in=contents.values("pk"),
                                   state__in=[constants.DRAFT, constants.PUBLISHED])
            .order_by(Case(When(state=constants.DRAFT, then=0), default=1)).first())


def next_steps(user) -> list[Step]:
    if not user.has_perm("cms.change_page"):
        return []
    version = own_page_version(user)
    if version is not None:
        # djangocms-versioning's "edit": opens the draft in the editor, first copying the published version
        # into a new draft if there is none: one click from here into edit mode.
        return [Step(_("Ihre Kommunalseite bearbeiten"),
                     reverse("admin:djangocms_versioning_pagecontentversion_edit_redirect", args=[version.pk]),
                     _("Öffnet die Seite Ihrer Kommune im Seiteneditor."), post=True, rank=10)]
    if municipality_for_user(user) is None:
        return [Step(_("Seiten bearbeiten"), reverse("admin:cms_pagecontent_changelist"),
                     _("Der Seitenbaum des Portals."), rank=10)]
    return []


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
