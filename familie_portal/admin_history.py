"""
The edit history of events, reports and profiles (django-reversion, compare view from
django-reversion-compare), and the one per-object guard of the admins whose rows belong to a
municipality.

- `HistoryAdmin`: every admin save (with its inlines, which django-reversion follows) is a revision
  with user, time and the admin's change message; the history lists them newest first in local time,
  compares two, shows one to restore it, and lists deleted entries to recover them. The change message
  is stored in Django's structured form, so it reads in the viewer's language ("Status geändert.").
  `QuerySet.update()` writes no revision: bulk actions call `record_revisions()` per object.
  The compare view names each difference by its field, and the rows of an inline (downloads,
  contributions, …) by their names, each added, removed or changed with what changed in it.
- `MunicipalityGuardMixin`: every view addressed by an object id (change, delete, history, one
  version, compare) answers 404 for an unknown id and a 403 naming the reason for another
  municipality's entry; a version must belong to the object in the URL. Recovering deleted entries is
  the IQZ-Redaktion's (they are nobody's municipality any more).
"""

from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import add_to_revision, create_revision, is_active, set_comment, set_user
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from familie_portal.exceptions import OtherMunicipality, RefusedWithReason


def record_revisions(objects, *, user, comment: str) -> None:
    """One revision per object (restoring one never touches another), e.g. after a bulk action's update()."""
    for obj in objects:
        with create_revision():
            set_user(user)
            set_comment(comment)
            add_to_revision(obj)


class HistoryAdmin(CompareVersionAdmin):
    # German, local time, and offered only to who may use it: templates/admin/history/.
    object_history_template = "admin/history/object_history.html"
    change_list_template = "admin/history/change_list.html"
    compare_template = "admin/history/compare.html"
    revision_form_template = "admin/history/revision_form.html"
    recover_form_template = "admin/history/revision_form.html"
    recover_list_template = "admin/history/recover_list.html"
    history_latest_first = True

    missing_message = _("Diesen Eintrag gibt es nicht.")

    # The structured change message (JSON), read in the viewer's language by Revision.get_comment().
    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if is_active():
            set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if is_active():
            set_comment(entry.change_message)
        return entry

    # --- the compare view (django-reversion-compare's hooks) ------------------------------------
    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        for entry in diff:  # a heading each: the field, or the inline's rows ("Beiträge", not "contributions")
            field = entry["field"]
            if isinstance(field, models.ForeignObjectRel):
                meta = field.related_model._meta
                entry["label"] = meta.verbose_name if field.one_to_one else meta.verbose_name_plural
            else:
                entry["label"] = field.verbose_name
        return diff, has_unfollowed_fields

    def compare_ManyToOneRel(self, obj_compare):
        """The rows of an inline by their names (their __str__ when saved), with what changed in each."""
        info = obj_compare.get_m2o_change_info()
        parent_field = obj_compare.field.field
        rows = [{"name": str(new), "state": "changed", "changes": _row_changes(parent_field, old, new)}
                for old, new in info["changed_items"]]
        rows += [{"name": str(row), "state": "added"}
                 for row in [*info["added_items"], *info["added_missing_objects"]]]
        rows += [{"name": str(row), "state": "removed"}
                 for row in [*info["removed_items"], *info["removed_missing_objects"], *info["deleted_items"]]]
        rows += [{"name": str(row), "state": "same"} for row in [*info["same_items"], *info["same_missing_objects"]]]
        return render_to_string("admin/history/compare_rows.html", {"rows": rows})

    def compare_view(self, request, object_id, extra_context=None):
        # django-reversion-compare's view asks for no permission at all.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(self.missing_message)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion looks the version up by id and object id alone: one of another model
        # with the same id would be restored through this form.
        if not Version.objects.get_for_object_reference(self.model, unquote(object_id)).filter(pk=version_id).exists():
            raise Http404(self.missing_message)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # Likewise: only a deleted entry of this model.
        if not Version.objects.get_deleted(self.model).filter(pk=version_id).exists():
            raise Http404(self.missing_message)
        return super().recover_view(request, version_id, extra_context)

    def may_recover(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"may_recover": self.may_recover(request), **(extra_context or {})})


def _row_changes(parent_field, old, new) -> list[dict]:
    """The fields of an inline row (two reversion Versions) whose values differ, as the admin shows values."""
    changes = []
    for field in parent_field.model._meta.concrete_fields:
        if field.primary_key or field == parent_field:
            continue
        before, after = old.field_dict.get(field.attname), new.field_dict.get(field.attname)
        if before == after:
            continue
        if isinstance(field, models.BooleanField):
            before, after = (gettext("ja") if value else gettext("nein") for value in (before, after))
        elif not field.is_relation:
            before, after = (display_for_field(value, field, "–") for value in (before, after))
        changes.append({"label": field.verbose_name, "old": before, "new": after})
    return changes


class MunicipalityGuardMixin:
    """Put before the ModelAdmin base; subclasses say what "theirs" means."""

    missing_message = _("Diesen Eintrag gibt es nicht.")
    foreign_message = None  # None: OtherMunicipality's general sentence
    recover_refused_message = _("Gelöschte Einträge stellt die IQZ-Redaktion wieder her.")

    def manages_all(self, request) -> bool:
        raise NotImplementedError

    def in_municipality(self, request, obj) -> bool:
        raise NotImplementedError

    def guarded_queryset(self):
        return self.model._default_manager.all()

    def guard(self, request, object_id):
        try:
            obj = self.guarded_queryset().get(pk=unquote(object_id))
        except (self.model.DoesNotExist, ValidationError, ValueError):
            raise Http404(self.missing_message) from None
        if not (self.manages_all(request) or self.in_municipality(request, obj)):
            raise OtherMunicipality(self.foreign_message)
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.guard(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.guard(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.guard(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self.guard(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.guard(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def may_recover(self, request) -> bool:
        return self.manages_all(request) and super().may_recover(request)

    def recoverlist_view(self, request, extra_context=None):
        if not self.manages_all(request):
            raise RefusedWithReason(self.recover_refused_message)
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.manages_all(request):
            raise RefusedWithReason(self.recover_refused_message)
        return super().recover_view(request, version_id, extra_context)
