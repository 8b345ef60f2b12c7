"""
Review of page drafts in the django CMS toolbar.

Who may not publish a page alone (reviews.services.may_publish_alone; django CMS's page permission
`can_publish` says the same, so djangocms-versioning's publish and unpublish URLs refuse them) gets
"Zur Prüfung einreichen" instead of djangocms-versioning's "Veröffentlichen"; the IQZ-Redaktion gets
"Freigeben" and "Zurückgeben" on a draft that waits for review. Registered after djangocms-versioning's
toolbar (this app comes later in INSTALLED_APPS), so its buttons exist when this one runs.
"""

from cms.models import PageContent
from cms.toolbar.items import ButtonList
from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version

from reviews import services
from reviews.admin import APPROVE, RETURN, SUBMIT


@toolbar_pool.register
class PageReviewToolbar(CMSToolbar):
    def post_template_populate(self):
        content = self.toolbar.get_object()
        user = self.request.user
        # Preview too: a draft that waits is no longer editable for its author (reviews.page_lock), and the
        # toolbar still says why.
        active = self.toolbar.edit_mode_active or self.toolbar.preview_mode_active
        if not isinstance(content, PageContent) or not active or not user.is_staff:
            return
        version = Version.objects.get_for_content(content)
        if not content.page.has_change_permission(user):
            return
        if version.state != DRAFT:
            # "Bearbeiten" leads to the draft; while that waits, versioning does not offer it (reviews.page_lock):
            # the toolbar says why and offers the way back instead.
            draft = Version.objects.filter_by_content_grouping_values(content).filter(state=DRAFT).first()
            if draft is not None and services.locked_for(user, draft.content) is not None:
                buttons = ButtonList(side=self.toolbar.RIGHT)
                self._waiting_buttons(buttons, draft.content, services.open_review(draft.content))
                self.toolbar.add_item(buttons)
            return
        open_review = services.open_review(content)
        buttons = ButtonList(side=self.toolbar.RIGHT)
        if not content.page.has_publish_permission(user):
            self._remove_publish_button(version)
            if open_review is None:
                buttons.add_button(_("Zur Prüfung einreichen"), url=self._url(content, SUBMIT),
                                   extra_classes=["cms-btn-action"])
            else:
                self._waiting_buttons(buttons, content, open_review)
        elif open_review is not None and services.may_review(user):
            buttons.add_button(_("Zurückgeben"), url=self._url(content, RETURN))
            buttons.add_button(_("Freigeben und veröffentlichen"), url=self._url(content, APPROVE),
                               extra_classes=["cms-btn-action"])
        if buttons.buttons:
            self.toolbar.add_item(buttons)

    def _waiting_buttons(self, buttons, content, open_review) -> None:
        buttons.add_button(_("Liegt zur Prüfung vor"), url="", disabled=True)
        if services.may_withdraw(self.request.user, open_review, may_change=True):
            buttons.add_button(_("Einreichung zurückziehen"),
                               url=reverse("admin:reviews_page_withdraw", args=(content.pk,)))

    @staticmethod
    def _url(content, step) -> str:
        return reverse("admin:reviews_page_review", args=(content.pk, step))

    def _remove_publish_button(self, version):
        publish_url = reverse("admin:djangocms_versioning_pagecontentversion_publish", args=(version.pk,))
        for result in self.toolbar.find_items(ButtonList):
            if any(getattr(button, "url", None) == publish_url for button in result.item.buttons):
                self.toolbar.remove_item(result.item)
