"""
Drafts of published content in the admin (familie_portal.drafts), and the lock while a submission waits.

`DraftAdminMixin` goes before `ReviewedAdminMixin` in the bases of the event, report and profile admins:

- Every role, the IQZ-Redaktion included, edits a published object as before, but a save ("Sichern")
  of its change form goes into its draft (created or updated, with the inlines and many-to-many
  choices) and leads to the draft's form; the published version stays as it is. Opening a published
  object that has a draft leads to the draft.
- Who may publish alone (reviews.services.may_publish_alone) also gets "Sofort veröffentlichen"
  (POST `_publish_now`): on a published object it saves the object itself, on a draft it saves the
  draft and publishes it, in one step. Choosing another status than "Veröffentlicht" on a published
  object takes it offline at once (an explicit choice, like "Sofort veröffentlichen").
- The draft's form links the published version, the preview, "Vergleich mit der veröffentlichten
  Fassung" and "Entwurf verwerfen"; who may publish alone also gets "Entwurf veröffentlichen". Others
  submit the draft for review like any draft ("Zur Prüfung einreichen"); approval merges it.
- While a submission waits, nobody but the IQZ-Redaktion changes or deletes the object (read-only
  form, crafted POSTs 403); its author, whoever else could change the object (the same
  municipality's editors) and the IQZ can "Einreichung zurückziehen" (reviews.services.withdraw).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from familie_portal import drafts
from reviews import kinds, services
from reviews.drafts_compare import differences

PUBLISH_NOW = "_publish_now"
PUBLISH, DISCARD = "veroeffentlichen", "verwerfen"
DRAFT_STEPS = {
    PUBLISH: (_("Entwurf veröffentlichen"), _("Der Entwurf ersetzt die veröffentlichte Fassung sofort. "
                                              "Adresse, Anmeldungen und Verlauf bleiben erhalten.")),
    DISCARD: (_("Entwurf verwerfen"), _("Der Entwurf wird gelöscht; die veröffentlichte Fassung bleibt, "
                                        "wie sie ist.")),
}
WITHDRAW_TEXT = (_("Einreichung zurückziehen"), _("Die IQZ-Redaktion prüft den Inhalt dann nicht; Sie können "
                                                   "ihn wieder bearbeiten und erneut einreichen."))
PUBLISH_AT_NOT_IN_DRAFT = _("Diese Fassung ist schon veröffentlicht; „Sichern“ legt einen Entwurf an, und ein Entwurf "
                            "übernimmt keinen neuen Termin „veröffentlichen am“. Lassen Sie das Feld, wie es war: "
                            "Einen Entwurf, der später erscheinen soll, gibt die IQZ-Redaktion mit einem Termin frei. "
                            "Wer allein veröffentlichen darf, kann stattdessen „Sofort veröffentlichen“ wählen.")
SAVED_AS_DRAFT = _("Ihre Änderungen sind als Entwurf gespeichert; die veröffentlichte Fassung bleibt unverändert, "
                   "bis der Entwurf freigegeben ist.")
SAVED_AS_OWN_DRAFT = _("Ihre Änderungen sind als Entwurf gespeichert; die veröffentlichte Fassung bleibt "
                       "unverändert, bis Sie den Entwurf veröffentlichen („Sofort veröffentlichen“ oder "
                       "„Entwurf veröffentlichen“).")
PUBLISHED_NOW = _("Ihre Änderungen sind veröffentlicht.")


class DraftAdminMixin:
    change_form_template = "reviews/admin/draft_change_form.html"

    # --- the rules ---------------------------------------------------------------------------
    def _lock(self, request, obj):
        """The open submission that keeps this user from changing `obj` (memoised per request)."""
        if obj is None or obj.pk is None:
            return None
        memo = request.__dict__.setdefault("portal_review_locks", {})
        key = (obj._meta.label, obj.pk)
        if key not in memo:
            memo[key] = services.locked_for(request.user, obj)
        return memo[key]

    def _drafting(self, request, obj) -> bool:
        """Does a save of this (stored) object's change form go into its draft? For every role; not when
        who may publish alone chooses "Sofort veröffentlichen" or takes the object offline by its status."""
        if obj is None or obj.pk is None or not kinds.is_public(obj) or drafts.is_draft_copy(obj):
            return False
        if self.saves_directly(request, obj):
            return False
        if getattr(request, "portal_restoring", False):
            # django-reversion has already written the old version into the row; ReviewedAdminMixin's
            # save_model() decides (and its refusal rolls the restore back).
            return False
        if services.may_publish_alone(request.user, obj):
            return not (PUBLISH_NOW in request.POST or self._taking_offline(request, obj))
        return True

    @staticmethod
    def _taking_offline(request, obj) -> bool:
        """Does this POST choose another status than "Veröffentlicht" for a published object?"""
        status = request.POST.get("status")
        return status is not None and status != type(obj).Status.PUBLISHED

    def saves_directly(self, request, obj) -> bool:
        """A hook: does this POST of the published `obj`'s change form take effect at once, without a draft
        (for every role: e.g. a withdrawn consent, managers.admin)? The admin then saves the object itself."""
        return False

    def has_change_permission(self, request, obj=None):
        unlocked = getattr(request, "portal_ignoring_lock", False) or self._lock(request, obj) is None
        return super().has_change_permission(request, obj) and unlocked and not self._approved_for_later(request, obj)

    def _may_change_but_for_the_lock(self, request, obj) -> bool:
        """Could this user change `obj` if no submission waited (the admin's scope and rights)?"""
        request.portal_ignoring_lock = True
        try:
            return self.has_change_permission(request, obj)
        finally:
            del request.portal_ignoring_lock

    @staticmethod
    def _approved_for_later(request, obj) -> bool:
        """A draft the IQZ approved for a later moment is not changed further by who needs review."""
        return services.approved_for_later(obj) and not services.may_publish_alone(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._lock(request, obj) is None

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if drafts.is_draft_copy(obj):
            # A draft is published by merging it: its status, start and addresses are the original's.
            fields += ["status", "publish_at", *self.model.draft_keep]
        elif obj is not None and kinds.is_public(obj) and not services.may_publish_alone(request.user, obj):
            fields += ["status"]
        return list(dict.fromkeys(fields))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, "portal_drafting", False) or "publish_at" not in form.base_fields:
            return form

        class IntoTheDraft(form):
            """A draft is published by merging it: a new "veröffentlichen am" would be lost in it."""

            def full_clean(self):
                # After every other check, so their messages (e.g. the window's order) show too.
                super().full_clean()
                if self.is_bound and "publish_at" in self.changed_data and "publish_at" not in self.errors:
                    self.add_error("publish_at", PUBLISH_AT_NOT_IN_DRAFT)

        return IntoTheDraft

    def get_prepopulated_fields(self, request, obj=None):
        return {} if drafts.is_draft_copy(obj) else super().get_prepopulated_fields(request, obj)

    def get_list_display(self, request):
        first, *rest = super().get_list_display(request)
        return [first, "draft_note", *rest]

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        return [*(related if isinstance(related, list | tuple) else []), "draft_of"]

    @admin.display(description=_("Entwurf"))
    def draft_note(self, obj) -> str:
        return gettext("Entwurf zu: %(original)s") % {"original": obj.draft_of} if obj.draft_of_id else ""

    # --- saving into the draft ---------------------------------------------------------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is not None and request.method == "POST":
            request.portal_drafting = self._drafting(request, obj)
            if request.portal_drafting and (draft := drafts.draft_of(obj)) and self._lock(request, draft):
                raise PermissionDenied  # the draft waits for review
        elif obj is not None and self._drafting(request, obj) and (draft := drafts.draft_of(obj)):
            messages.info(request, _("Hierzu gibt es schon einen Entwurf; Sie bearbeiten ihn hier."))
            return redirect(self._change_url(draft))
        if obj is not None:
            extra_context = {**(extra_context or {}), "draft_box": self._draft_box(request, obj)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.portal_restoring = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.portal_restoring = True
        return super().recover_view(request, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change and getattr(request, "portal_drafting", False):
            return  # written into the draft by save_related(), with the inlines
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not (change and getattr(request, "portal_drafting", False)):
            return super().save_related(request, form, formsets, change)
        original = self.model._default_manager.get(pk=form.instance.pk)
        m2m = {field.name: list(form.cleaned_data[field.name]) if field.name in form.cleaned_data
               else list(getattr(original, field.name).all()) for field in self.model._meta.many_to_many}
        children = {}
        for formset in formsets:
            formset.save(commit=False)  # writes nothing; tells the change message what changed
            name = formset.fk.remote_field.get_accessor_name()
            if name not in self.model.draft_children:
                continue
            deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
            children[name] = [
                row.instance for row in formset.forms
                if id(row) not in deleted and (row.instance.pk is not None or row.has_changed())
            ]
        request.portal_draft = drafts.save_draft(original=original, values=form.instance, m2m=m2m, children=children)
        return None

    def saved_instance(self, request, instance):
        """What a save of the change form wrote: the object, or its draft."""
        return getattr(request, "portal_draft", None) or instance

    def log_change(self, request, obj, message):
        return super().log_change(request, self.saved_instance(request, obj), message)

    def response_change(self, request, obj):
        draft = getattr(request, "portal_draft", None)
        if draft is not None:
            alone = services.may_publish_alone(request.user, obj)
            messages.success(request, SAVED_AS_OWN_DRAFT if alone else SAVED_AS_DRAFT)
            return redirect(self._change_url(draft))
        if PUBLISH_NOW in request.POST and self._may_publish_now(request, obj):
            if drafts.is_draft_copy(obj):
                return self._publish_saved_draft(request, obj)
            messages.success(request, PUBLISHED_NOW)
            return redirect(self._change_url(obj))
        return super().response_change(request, obj)

    def _may_publish_now(self, request, obj) -> bool:
        """ "Sofort veröffentlichen": who may publish alone, on a published object or a draft that no
        submission locks (the lock is the IQZ's decision to take)."""
        if not services.may_publish_alone(request.user, obj) or self._lock(request, obj) is not None:
            return False
        return drafts.is_draft_copy(obj) or kinds.is_public(obj)

    def _publish_saved_draft(self, request, draft):
        """The draft is saved; publish it. A refusal leaves it saved and says why."""
        try:
            original = drafts.publish_draft(draft, user=request.user)
        except drafts.DraftError as refused:
            messages.error(request, gettext("Der Entwurf ist gespeichert, aber nicht veröffentlicht: %(why)s")
                           % {"why": refused})
            return redirect(self._change_url(draft))
        messages.success(request, PUBLISHED_NOW)
        return redirect(self._change_url(original))

    # --- the draft's steps -------------------------------------------------------------------
    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/entwurf/vergleich/", self.admin_site.admin_view(self.draft_compare_view),
                 name=f"{info}_draft_compare"),
            path("<path:object_id>/entwurf/<str:step>/", self.admin_site.admin_view(self.draft_step_view),
                 name=f"{info}_draft"),
            path("<path:object_id>/einreichung-zurueckziehen/", self.admin_site.admin_view(self.withdraw_view),
                 name=f"{info}_withdraw"),
            *super().get_urls(),
        ]

    def _change_url(self, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=(obj.pk,))

    def _draft_url(self, obj, step) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_draft", args=(obj.pk, step))

    def _viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def draft_step_view(self, request, object_id, step):
        if step not in DRAFT_STEPS:
            raise Http404
        draft = self._viewable(request, object_id)
        if not drafts.is_draft_copy(draft):
            raise Http404
        if step == PUBLISH:
            allowed = services.may_publish_alone(request.user, draft) and self.has_change_permission(request, draft)
        else:
            allowed = self.has_delete_permission(request, draft)
        if not allowed:
            raise PermissionDenied
        original = draft.draft_of
        error = ""
        if request.method == "POST":
            try:
                if step == PUBLISH:
                    drafts.publish_draft(draft, user=request.user)
                    messages.success(request, _("Der Entwurf ist veröffentlicht."))
                else:
                    drafts.discard_draft(draft)
                    messages.success(request, _("Der Entwurf ist verworfen; die veröffentlichte Fassung bleibt."))
            except drafts.DraftError as refused:
                error = str(refused)
            else:
                return redirect(self._change_url(original))
        return self._confirm(request, draft, DRAFT_STEPS[step], error)

    def withdraw_view(self, request, object_id):
        obj = self._viewable(request, object_id)
        review = services.open_review(obj)
        if review is None:
            raise Http404
        may_change = self._may_change_but_for_the_lock(request, obj)
        if not services.may_withdraw(request.user, review, may_change=may_change):
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            try:
                services.withdraw(review=review, user=request.user, may_change=may_change)
            except services.ReviewError as refused:
                error = str(refused)
            else:
                messages.success(request, _("Die Einreichung ist zurückgezogen; Sie können wieder bearbeiten."))
                return redirect(self._change_url(obj))
        return self._confirm(request, obj, WITHDRAW_TEXT, error)

    def _confirm(self, request, obj, texts, error: str):
        title, text = texts
        context = {**self.admin_site.each_context(request), "title": title, "text": text, "error": error,
                   "subtitle": kinds.title(obj), "back_url": self._change_url(obj), "opts": self.opts}
        return TemplateResponse(request, "reviews/admin/draft_step.html", context)

    def draft_compare_view(self, request, object_id):
        draft = self._viewable(request, object_id)
        if not drafts.is_draft_copy(draft):
            raise Http404
        context = {
            **self.admin_site.each_context(request), "title": _("Vergleich mit der veröffentlichten Fassung"),
            "subtitle": kinds.title(draft), "back_url": self._change_url(draft), "opts": self.opts,
            "rows": differences(draft.draft_of, draft), "original_url": self._change_url(draft.draft_of),
        }
        return TemplateResponse(request, "reviews/admin/draft_compare.html", context)

    def _draft_box(self, request, obj) -> dict:
        lock = self._lock(request, obj)
        box = {"waiting": lock, "withdraw_url": "", "is_draft": drafts.is_draft_copy(obj)}
        waiting = lock or (services.open_review(obj) if services.may_review(request.user) else None)
        if waiting is not None and services.may_withdraw(
                request.user, waiting, may_change=self._may_change_but_for_the_lock(request, obj)):
            box["withdraw_url"] = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_withdraw",
                                          args=(obj.pk,))
        alone = services.may_publish_alone(request.user, obj)
        if box["is_draft"]:
            original = obj.draft_of
            box.update(
                original=original, original_url=self._change_url(original),
                public_url=original.get_absolute_url(), preview_url=obj.get_preview_url(),
                compare_url=reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_draft_compare",
                                    args=(obj.pk,)),
                discard_url=self._draft_url(obj, DISCARD) if self.has_delete_permission(request, obj) else "",
                publish_url=self._draft_url(obj, PUBLISH) if alone and lock is None else "",
                merge_at=(date_format(timezone.localtime(obj.merge_at), "SHORT_DATETIME_FORMAT")
                          if obj.merge_at else ""),
            )
        elif kinds.is_public(obj):
            draft = drafts.draft_of(obj)
            box.update(public=True, alone=alone, draft_url=self._change_url(draft) if draft else "")
        box["publish_now"] = self._may_publish_now(request, obj) and self.has_change_permission(request, obj)
        return box
