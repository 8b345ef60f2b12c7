"""
Review in the admin.

- `ReviewedAdminMixin` for the model admins of events, workshop reports and profiles: the status
  field offers "Veröffentlicht" only to who may publish alone (and a crafted POST with it is
  refused), the bulk actions "veröffentlichen"/"zurückziehen" need the same right, whoever may not
  publish alone changes a published object only through its draft (reviews.admin_drafts) and neither
  deletes nor restores it, and the change form carries the buttons "Zur Prüfung einreichen" /
  "Freigeben" / "Zurückgeben" with a comment page each.
- `ReviewAdmin`: the list of submissions ("Prüfungen"), and the same steps for page drafts
  (reached from the CMS toolbar, `reviews.cms_toolbars`).
"""

from cms.models import PageContent
from cms.toolbar.utils import get_object_preview_url
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

from familie_portal import drafts
from reviews import kinds, mails, services
from reviews.forms import ApproveForm, ReviewStepForm
from reviews.models import Review

SUBMIT, APPROVE, RETURN = "einreichen", "freigeben", "zurueckgeben"
STEPS = {
    SUBMIT: (_("Zur Prüfung einreichen"), _("Was soll die IQZ-Redaktion wissen?"), True),
    APPROVE: (_("Freigeben und veröffentlichen"), _("Optional: eine Nachricht an die Autorin oder den Autor."), False),
    RETURN: (_("Zurückgeben"), _("Was ist noch zu ändern?"), True),
}
DONE = {
    SUBMIT: _("Zur Prüfung eingereicht. Die IQZ-Redaktion ist benachrichtigt."),
    APPROVE: _("Freigegeben und veröffentlicht. Die Autorin oder der Autor ist benachrichtigt."),
    RETURN: _("Zurückgegeben. Die Autorin oder der Autor ist benachrichtigt."),
}


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def review_step(request, *, admin_site, obj, step: str, allowed: bool, done_url, back_url: str,
                compare_url: str = ""):
    """GET: the comment page of one step; POST: take the step (reviews.services) and go to `done_url`.

    `done_url` may be a callable, asked after the step: approving a draft of a published object merges
    it and deletes the draft's row, so where to land is known only then."""
    if step not in STEPS:
        raise Http404
    if not allowed:
        raise PermissionDenied
    review = services.open_review(obj)
    if step != SUBMIT and review is None:
        messages.error(request, _("Dieser Inhalt liegt nicht zur Prüfung vor."))
        return redirect(back_url)
    label, help_text, required = STEPS[step]
    if step == APPROVE:
        form = ApproveForm(request.POST or None, comment_required=required,
                           initial={"publish_at": kinds.planned_publication(obj)})
        if kinds.replaces_public_version(obj):
            form.fields["publish_at"].help_text = _(
                "%(help)s Mit einem späteren Zeitpunkt bleibt die jetzt veröffentlichte Fassung bis dahin "
                "öffentlich und wird dann ersetzt.") % {"help": form.fields["publish_at"].help_text}
    else:
        form = ReviewStepForm(request.POST or None, comment_required=required)
    form.fields["comment"].help_text = help_text
    if request.method == "POST" and form.is_valid():
        comment, base_url = form.cleaned_data["comment"], _base_url(request)
        try:
            if step == SUBMIT:
                services.submit_for_review(obj=obj, user=request.user, comment=comment, base_url=base_url)
            elif step == APPROVE:
                review = services.approve(review=review, user=request.user, comment=comment,
                                          publish_at=form.cleaned_data["publish_at"], base_url=base_url)
            else:
                services.return_to_author(review=review, user=request.user, comment=comment, base_url=base_url)
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            if step == APPROVE and review.publication_note:
                messages.success(request, _("Freigegeben; %(note)s. Die Autorin oder der Autor ist benachrichtigt.")
                                 % {"note": review.publication_note})
            else:
                messages.success(request, DONE[step])
            return redirect(done_url() if callable(done_url) else done_url)
    context = {
        **admin_site.each_context(request), "title": label, "subtitle": kinds.title(obj), "form": form,
        "review": review, "back_url": back_url, "opts": Review._meta,
        "compare_url": compare_url if step != SUBMIT else "",
    }
    return TemplateResponse(request, "reviews/admin/step.html", context)


class ReviewedAdminMixin:
    """For a ModelAdmin of a model with `status` and `Status.PUBLISHED` (events, reports, profiles)."""

    change_form_template = "reviews/admin/change_form.html"

    def _alone(self, request, obj=None) -> bool:
        return services.may_publish_alone(request.user, obj)

    def _is_public(self, obj) -> bool:
        # The admin passes the stored object here (change, delete, bulk delete); save_model checks the new one.
        return obj is not None and obj.pk is not None and kinds.is_public(obj)

    # --- who may change what is public -----------------------------------------------------------
    def has_publish_permission(self, request):
        """The bulk actions "veröffentlichen" / "zurückziehen" (admin action permission "publish")."""
        return self.has_change_permission(request) and self._alone(request)

    # A published object's change form saves into its draft for whoever may not publish alone
    # (reviews.admin_drafts.DraftAdminMixin, before this class in the bases); save_model() refuses the rest.

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self._alone(request, obj) or not self._is_public(obj))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self._alone(request, obj):
            return form
        published = self.model.Status.PUBLISHED

        class WithoutPublishing(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "status" in self.fields:
                    field = self.fields["status"]
                    field.choices = [(value, label) for value, label in field.choices if value != published]
                    field.help_text = _("Veröffentlichen kann die IQZ-Redaktion nach der Prüfung.")

        WithoutPublishing.__name__ = form.__name__
        return WithoutPublishing

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an older version (django-reversion, familie_portal.admin_history) must not withdraw
        # or change what is public either: the stored object decides, as for the change form.
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not (self.has_change_permission(request, obj)
                                    and (self._alone(request, obj) or not self._is_public(obj))):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # Belt and braces behind the form's choices: nothing becomes public through a save alone.
        if obj.status == self.model.Status.PUBLISHED and not self._alone(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    # --- the review steps ------------------------------------------------------------------------
    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review"
        return [
            path("<path:object_id>/pruefung/<str:step>/", self.admin_site.admin_view(self.review_view), name=name),
            *super().get_urls(),
        ]

    def review_view(self, request, object_id, step):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=(obj.pk,))
        if step == SUBMIT and services.approved_for_later(obj):  # also a crafted POST: told why, nothing done
            messages.error(request, services.APPROVED_FOR_LATER)
            return redirect(change_url)
        allowed = self.has_change_permission(request, obj) if step == SUBMIT else services.may_review(request.user)
        compare_url = ""
        if drafts.is_draft_copy(obj):
            compare_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_draft_compare", args=(obj.pk,))
        return review_step(request, admin_site=self.admin_site, obj=obj, step=step, allowed=allowed,
                           done_url=lambda: self._landing_url(obj, change_url), back_url=change_url,
                           compare_url=compare_url)

    def _landing_url(self, obj, change_url: str) -> str:
        """After a step: the object's change form, or - a merged draft is gone - its original's."""
        if self.model._default_manager.filter(pk=obj.pk).exists():
            return change_url
        original = obj.draft_of if drafts.is_draft_copy(obj) else None
        if original is not None and self.model._default_manager.filter(pk=original.pk).exists():
            return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=(original.pk,))
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {**(extra_context or {}), "review_box": self._review_box(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _review_box(self, request, obj) -> dict:
        open_review = services.open_review(obj)
        public = kinds.is_public(obj)
        alone = self._alone(request, obj)
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_review"
        may_review = services.may_review(request.user)
        submittable = not (public or open_review or alone or services.approved_for_later(obj))
        return {
            "open": open_review,
            "last": open_review or services.last_review(obj),
            "public": public,
            "alone": alone,
            "submit_url": reverse(name, args=(obj.pk, SUBMIT)) if submittable else "",
            "approve_url": reverse(name, args=(obj.pk, APPROVE)) if open_review and may_review else "",
            "return_url": reverse(name, args=(obj.pk, RETURN)) if open_review and may_review else "",
        }


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "content_type", "state", "author", "submitted_at", "reviewer", "decided_at", "link",
                    "compare"]
    # Only the kinds of content that have reviews (not every model of every package, in English).
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["author", "reviewer", "content_type"]
    search_fields = ["title", "comment", "decision_comment"]
    readonly_fields = ["title", "content_type", "object_id", "state", "author", "comment", "submitted_at",
                       "reviewer", "decision_comment", "decided_at"]
    fields = readonly_fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("target")
        return queryset if services.may_review(request.user) else queryset.filter(author=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Öffnen"))
    def link(self, obj):
        target = obj.target
        return format_html('<a href="{}">{}</a>', mails.object_url(target), _("Öffnen")) if target else "–"

    @admin.display(description=_("Änderungen"))
    def compare(self, obj):
        """For the draft of a published object: what it changes (reviews.admin_drafts)."""
        target = obj.target
        if not drafts.is_draft_copy(target):
            return "–"
        url = reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_draft_compare", args=(target.pk,))
        return format_html('<a href="{}">{}</a>', url, _("Vergleich mit der veröffentlichten Fassung"))

    # --- page drafts -----------------------------------------------------------------------------
    def get_urls(self):
        return [
            path("seite/<int:content_id>/einreichung-zurueckziehen/", self.admin_site.admin_view(
                self.page_withdraw_view), name="reviews_page_withdraw"),
            path("seite/<int:content_id>/<str:step>/", self.admin_site.admin_view(self.page_review_view),
                 name="reviews_page_review"),
            *super().get_urls(),
        ]

    def page_review_view(self, request, content_id, step):
        content = PageContent.admin_manager.filter(pk=content_id).select_related("page").first()
        if content is None or not content.page.has_change_permission(request.user):
            raise Http404
        version = Version.objects.get_for_content(content)
        allowed = version.state == DRAFT if step == SUBMIT else services.may_review(request.user)
        url = get_object_preview_url(content)
        return review_step(request, admin_site=self.admin_site, obj=content, step=step, allowed=allowed,
                           done_url=url, back_url=url, compare_url=self._page_compare_url(version))

    def page_withdraw_view(self, request, content_id):
        """"Einreichung zurückziehen" for a page version that waits (events and others: reviews.admin_drafts)."""
        content = PageContent.admin_manager.filter(pk=content_id).select_related("page").first()
        if content is None or not content.page.has_change_permission(request.user):
            raise Http404
        review = services.open_review(content)
        if review is None:
            messages.info(request, _("Diese Seite liegt nicht (mehr) zur Prüfung vor."))
            return redirect(get_object_preview_url(content))
        if not services.may_withdraw(request.user, review, may_change=True):
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            try:
                services.withdraw(review=review, user=request.user, may_change=True)
            except services.ReviewError as refused:
                error = str(refused)
            else:
                messages.success(request, _("Die Einreichung ist zurückgezogen; Sie können wieder bearbeiten."))
                return redirect(get_object_preview_url(content))
        context = {
            **self.admin_site.each_context(request), "title": _("Einreichung zurückziehen"),
            "text": _("Die IQZ-Redaktion prüft die Seite dann nicht; Sie können sie wieder bearbeiten und erneut "
                      "einreichen."),
            "error": error, "subtitle": kinds.title(content), "back_url": get_object_preview_url(content),
            "opts": Review._meta,
        }
        return TemplateResponse(request, "reviews/admin/draft_step.html", context)

    @staticmethod
    def _page_compare_url(version) -> str:
        """djangocms-versioning's comparison of the page's published version with this one ("" for a new page)."""
        published = (Version.objects.filter_by_content_grouping_values(version.content)
                     .filter(state=PUBLISHED).exclude(pk=version.pk).first())
        if published is None:
            return ""
        url = reverse("admin:djangocms_versioning_pagecontentversion_compare", args=(published.pk,))
        return f"{url}?{urlencode({'compare_to': version.pk})}"
