"""The search provider for django CMS pages (published page contents)."""

from cms.models import PageContent, PagePermission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from djangocms_text.models import Text
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import PUBLISHED

from familie_portal.search.registry import Document, Provider
from familie_portal.search.text import html_to_text


class PageProvider(Provider):
    kind = "page"
    label = _("Seite")
    model = PageContent

    def public_queryset(self):
        # Published versions (djangocms-versioning), also those whose time limits
        # (djangocms-timed-publishing) start later: the search reads `window()` when it runs. Pages that
        # need a login or are restricted to some users or groups are never indexed.
        restricted = PagePermission.objects.filter(can_view=True).values("page_id")
        return (
            PageContent.admin_manager.filter(versions__state=PUBLISHED)
            .exclude(versions__visibility__end__lte=timezone.now())
            .filter(page__site=Site.objects.get_current(), page__login_required=False)
            .exclude(page_id__in=restricted)
            .exclude(redirect__gt="")
            .select_related("page")
        )

    def window(self, obj):
        visibility = TimedPublishingInterval.objects.filter(version__object_id=obj.pk, version__content_type=(
            ContentType.objects.get_for_model(PageContent))).first()
        return (visibility.start, visibility.end) if visibility is not None else (None, None)

    def documents(self, obj) -> list[Document]:
        bodies = Text.objects.filter(
            placeholder__in=obj.get_placeholders(), language=obj.language
        ).order_by("placeholder_id", "position").values_list("body", flat=True)
        return [
            Document(
                language=obj.language,
                title=obj.title,
                body=html_to_text(" ".join(bodies)),
                url=obj.page.get_absolute_url(obj.language),
                date=obj.page.changed_date,
            )
        ]

    def watched(self):
        # Pages are reindexed on publish/unpublish (see familie_portal.signals), not on save:
        # saving touches only drafts.
        return []
