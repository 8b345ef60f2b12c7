"""
While a page version waits - for the IQZ's review, or (approved, or published by its editor for later) for its
moment - only those who may publish alone change it.

djangocms-versioning asks `Version.check_modify` before a change of a version's settings and in the toolbar's
edit mode, and `Version.check_edit_redirect` before "Bearbeiten" (it offers the button only when that passes,
and refuses the request with the condition's message); django CMS asks `PlaceholderRelationField.default_checks`
before every plugin change (versioning adds its "is a draft" check there the same way). `lock_waiting_pages()`
adds one condition to each at start-up (reviews.apps): the lists are meant to be extended (`Conditions.__add__`,
`default_checks`). The refusal says why and where to go. Events, reports and profiles have the same rule in
their admin (`services.locked_for`).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.exceptions import ConditionFailed


def _model(version):
    """The model of a version's content, from the content types' cache (the page tree asks for every row)."""
    return ContentType.objects.get_for_id(version.content_type_id).model_class()


def not_waiting(version, user) -> None:
    """ConditionFailed when `version` is a page draft that `user` may not change while it waits."""
    from cms.models import PageContent

    from familie_portal import page_schedule
    from reviews import services

    if version.state != DRAFT or _model(version) is not PageContent:
        return
    if services.locked_for(user, version.content) is not None:
        raise ConditionFailed(_("Diese Fassung liegt der IQZ-Redaktion zur Prüfung vor; bis zur Entscheidung "
                                "ändert nur die IQZ-Redaktion sie. Warten Sie auf die Entscheidung (Sie erhalten "
                                "eine E-Mail), oder wählen Sie in der Werkzeugleiste der Seite „Einreichung "
                                "zurückziehen“, um sie wieder zu bearbeiten."))
    if not services.may_publish_alone(user, version.content) and page_schedule.planned(version) is not None:
        raise ConditionFailed(str(services.APPROVED_FOR_LATER))


def edit_not_waiting(version, user) -> None:
    """"Bearbeiten" on a page leads to its draft (from the published version too): refused while that waits."""
    from cms.models import PageContent
    from djangocms_versioning.models import Version

    if _model(version) is not PageContent:
        return
    if version.state != DRAFT and getattr(version.content, "is_latest_content", False):
        return  # the page tree's rows are each language's latest content: not a draft, so there is none
    draft = version if version.state == DRAFT else (
        Version.objects.filter_by_content_grouping_values(version.content).filter(state=DRAFT).first())
    if draft is not None:
        not_waiting(draft, user)


def plugins_not_waiting(placeholder, user) -> bool:
    """django CMS's placeholder check: may `user` change the plugins of this placeholder's page version?"""
    from cms.models import PageContent
    from djangocms_versioning.models import Version

    source = placeholder.source
    if not isinstance(source, PageContent):
        return True
    try:
        not_waiting(Version.objects.get_for_content(source), user)
    except Version.DoesNotExist:
        return True
    except ConditionFailed:
        return False
    return True


def lock_waiting_pages() -> None:
    from cms.models.fields import PlaceholderRelationField
    from djangocms_versioning.models import Version

    if not_waiting not in Version.check_modify:
        Version.check_modify = Version.check_modify + [not_waiting]
    if edit_not_waiting not in Version.check_edit_redirect:
        Version.check_edit_redirect = Version.check_edit_redirect + [edit_not_waiting]
    if plugins_not_waiting not in PlaceholderRelationField.default_checks:
        PlaceholderRelationField.default_checks = [*PlaceholderRelationField.default_checks, plugins_not_waiting]
