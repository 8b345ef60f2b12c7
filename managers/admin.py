"""
Admin for places, organisations, the Kommunale Redaktion and Familienmanager profiles.

Object-level rule for profiles: the IQZ (and superusers) manage all; a member of the Kommunale
Redaktion sees, adds, changes and deletes only profiles active in their own municipality. The rule
is enforced in the queryset, in every has_*_permission(obj), in the form's choices, in the bulk
delete, and for crafted URLs (another city's profile answers 403, an unknown one 404).

Withdrawn consent, deletion and "Personenbezogene Daten entfernen" take effect at once for every role that
may change or delete the profile, without review and without a draft (managers.services): unticking the
consent of a profile saves the form into the profile itself and takes it offline.
"""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from familie_portal import drafts, roles
from familie_portal.admin_history import HistoryAdmin, MunicipalityGuardMixin
from familie_portal.admin_languages import LanguageInputsMixin, language_fieldsets
from familie_portal.admin_scheduling import SCHEDULE_FIELDS, ScheduleFilter, schedule_display
from managers.forms import FamilyManagerAdminForm
from managers.models import FamilyManager, Kreis, MunicipalEditor, Municipality, Organisation, Regierungsbezirk
from managers.selectors import municipality_for_user
from managers.services import apply_withdrawal, family_manager_withdraw_consent, is_consent_withdrawal
from reviews.admin import ReviewedAdminMixin
from reviews.admin_drafts import DraftAdminMixin

WITHDRAWN_MESSAGE = _("Das Profil ist jetzt offline: Sie haben die Einwilligung in die Veröffentlichung widerrufen. "
                      "Foto und Kontaktdaten sind gelöscht; Verzeichnis, Karte, Suche und Profilseite zeigen "
                      "die Person nicht mehr.")


class Scope:
    """What the requesting user may manage: everything, one municipality, or nothing."""

    def __init__(self, user):
        self.municipality = municipality_for_user(user)
        self.all = self.municipality is None and (
            user.is_superuser or user.groups.filter(name=roles.IQZ_GROUP).exists()
        )

    def covers(self, profile) -> bool:
        if self.all:
            return True
        if self.municipality is None or profile.pk is None:
            return False
        return profile.municipalities.filter(pk=self.municipality.pk).exists()


def scope_for(request) -> Scope:
    if not hasattr(request, "_managers_scope"):
        request._managers_scope = Scope(request.user)
    return request._managers_scope


@admin.register(FamilyManager)
class FamilyManagerAdmin(
    LanguageInputsMixin, DraftAdminMixin, ReviewedAdminMixin, MunicipalityGuardMixin, HistoryAdmin
):
    form = FamilyManagerAdminForm
    missing_message = _("Dieses Profil gibt es nicht.")
    foreign_message = _("Dieses Profil gehört nicht zu Ihrer Kommune. Sie können nur die Profile "
                        "Ihrer eigenen Kommune bearbeiten.")
    list_display = ["name", "role", "organisation", "status", schedule_display, "consent_to_publication", "updated"]
    list_filter = ["status", ScheduleFilter, "consent_to_publication", "kreis__regierungsbezirk"]
    search_fields = ["name", "role", "municipalities__name", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "photo", "photo_pending", "photo_alt", "organisation", "role"]}),
        (_("Wo aktiv"), {"fields": ["municipalities", "kreis"]}),
        (_("Öffentlicher Kontakt (jede Angabe einzeln freigeben)"),
         {"fields": [("email", "show_email"), ("phone", "show_phone"), ("address", "show_address")]}),
        (_("Zertifizierung"), {"fields": ["course", "certified_on", "certificate_number", "certificate_valid_until"]}),
        (_("Schwerpunkte"), {"fields": ["focus", "focus_en"]}),
        *language_fieldsets("focus"),
        (_("Veröffentlichung"), {"fields": ["consent_to_publication", "consent_date", "status", SCHEDULE_FIELDS]}),
    ]

    actions = ["remove_personal_data"]

    def view_on_site(self, obj):
        # "Auf der Website ansehen": the public profile while the public sees it, else the preview.
        public = FamilyManager.objects.public().filter(pk=obj.pk).exists()
        return obj.get_absolute_url() if public else obj.get_preview_url()

    # -- rows ------------------------------------------------------------------------------
    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("organisation")
        scope = scope_for(request)
        if scope.all:
            return queryset
        if scope.municipality is None:
            return queryset.none()
        return queryset.filter(municipalities=scope.municipality).distinct()

    # -- permissions per object --------------------------------------------------------------
    def _allowed(self, request, obj, base: bool) -> bool:
        scope = scope_for(request)
        if not base or not (scope.all or scope.municipality):
            return False
        return obj is None or scope.covers(obj)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj, super().has_view_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj, super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        if obj is None or drafts.is_draft_copy(obj):
            allowed = super().has_delete_permission(request, obj)
        else:
            # A deletion request takes effect at once, whoever asks and whatever waits for review: only
            # the user's rights and scope count, not the four-eyes rule (reviews) or a lock (drafts).
            allowed = admin.ModelAdmin.has_delete_permission(self, request, obj)
        return self._allowed(request, obj, allowed)

    def has_add_permission(self, request):
        return self._allowed(request, None, super().has_add_permission(request))

    def manages_all(self, request) -> bool:
        return scope_for(request).all

    def in_municipality(self, request, obj) -> bool:
        return scope_for(request).covers(obj)

    def delete_queryset(self, request, queryset):
        # The bulk action already works on get_queryset(); narrow again so no path deletes more.
        super().delete_queryset(request, queryset.filter(pk__in=self.get_queryset(request).values("pk")))

    # -- withdrawn consent: at once, never a draft (managers.services) -------------------------
    def saves_directly(self, request, obj) -> bool:
        return request.method == "POST" and is_consent_withdrawal(
            given=obj.consent_to_publication, now="consent_to_publication" in request.POST)

    def save_model(self, request, obj, form, change):
        if change and is_consent_withdrawal(given=form.initial.get("consent_to_publication"),
                                            now=obj.consent_to_publication):
            request.portal_consent_withdrawn = True
            if not drafts.is_draft_copy(obj):
                apply_withdrawal(obj)  # offline in this very save (a draft's form is merged afterwards)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        self._save_related(request, form, formsets, change)
        if getattr(request, "portal_consent_withdrawn", False):
            request.portal_withdrawn_profile = family_manager_withdraw_consent(
                profile=form.instance, user=request.user)

    def response_change(self, request, obj):
        profile = getattr(request, "portal_withdrawn_profile", None)
        if profile is None:
            return super().response_change(request, obj)
        messages.success(request, WITHDRAWN_MESSAGE)
        return redirect(reverse("admin:managers_familymanager_change", args=(profile.pk,)))

    @admin.action(description=_("Personenbezogene Daten entfernen (Profil sofort offline)"), permissions=["change"])
    def remove_personal_data(self, request, queryset):
        """Withdrawn consent for the chosen profiles, after a confirmation page naming them."""
        profiles = list(queryset.filter(pk__in=self.get_queryset(request).values("pk")).filter(draft_of=None))
        if request.POST.get("post") == "yes":
            for profile in profiles:
                family_manager_withdraw_consent(profile=profile, user=request.user)
            messages.success(request, ngettext(
                "Ein Profil ist jetzt offline; Foto und Kontaktdaten sind gelöscht.",
                "%(count)d Profile sind jetzt offline; Fotos und Kontaktdaten sind gelöscht.",
                len(profiles)) % {"count": len(profiles)})
            return None
        context = {**self.admin_site.each_context(request), "title": _("Personenbezogene Daten entfernen"),
                   "profiles": profiles, "opts": self.opts, "action": "remove_personal_data",
                   "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME}
        return TemplateResponse(request, "admin/managers/familymanager/remove_personal_data.html", context)

    # -- the form ----------------------------------------------------------------------------
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.scope_municipality = scope_for(request).municipality
        return form

    def get_exclude(self, request, obj=None):
        # A Kreis-wide profile is the IQZ's to assign.
        return ["kreis"] if scope_for(request).municipality else []

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if scope_for(request).municipality:
            fieldsets = [
                (title, {**opts, "fields": [f for f in opts["fields"] if f != "kreis"]}) for title, opts in fieldsets
            ]
        return fieldsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "municipalities":
            municipality = scope_for(request).municipality
            kwargs["queryset"] = (
                Municipality.objects.filter(pk=municipality.pk) if municipality else Municipality.objects.all()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        municipality = scope_for(request).municipality
        if db_field.name == "organisation" and municipality:
            kwargs["queryset"] = Organisation.objects.filter(municipality__isnull=True) | Organisation.objects.filter(
                municipality=municipality
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _save_related(self, request, form, formsets, change):
        # The form offers a municipal editor only their own municipality; keep the others the
        # profile is also active in instead of silently removing them.
        municipality = scope_for(request).municipality
        hidden = list(form.instance.municipalities.exclude(pk=municipality.pk)) if change and municipality else []
        super().save_related(request, form, formsets, change)
        if hidden:  # to the profile, or to its draft where the save went (reviews.admin_drafts)
            self.saved_instance(request, form.instance).municipalities.add(*hidden)


@admin.register(Regierungsbezirk)
class RegierungsbezirkAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "regierungsbezirk", "is_kreisfreie_stadt"]
    list_filter = ["regierungsbezirk", "is_kreisfreie_stadt"]
    search_fields = ["name", "key"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "ags", "kreis", "review_required", "latitude", "longitude"]
    list_filter = ["review_required", "kreis__regierungsbezirk"]
    list_select_related = ["kreis"]
    search_fields = ["name", "ags"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MunicipalEditor)
class MunicipalEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality"]
    autocomplete_fields = ["municipality"]
    list_select_related = ["user", "municipality"]
