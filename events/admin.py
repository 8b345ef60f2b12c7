"""
Editing events. The IQZ-Redaktion manages every event; a member of the Kommunale Redaktion sees,
changes, deletes and (bulk) publishes only events whose organiser belongs to their municipality,
and may choose only such organisers; publishing needs review where the municipality asks for it
(reviews.admin.ReviewedAdminMixin). Permissions per model come from events/roles.py.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import services
from events.forms import SERIES_MODEL_FIELDS, EventAdminForm, in_words_with_count, series_in_words
from events.models import Category, Event, EventDownload, TargetGroup
from events.selectors import editor_can_manage_all, events_editable_by, organisations_for_editor
from familie_portal.admin_history import HistoryAdmin, MunicipalityGuardMixin, record_revisions
from familie_portal.admin_languages import LanguageInputsMixin, language_fieldsets
from familie_portal.admin_scheduling import SCHEDULE_FIELDS, ScheduleFilter, schedule_display
from managers.selectors import municipality_for_user
from registrations.admin import RegistrationSettingsInline
from registrations.admin_withdrawal import RegistrationsOnWithdrawalMixin
from registrations.selectors import registrations_affected
from reviews.admin import ReviewedAdminMixin
from reviews.admin_drafts import DraftAdminMixin


@admin.register(Category)
class CategoryAdmin(LanguageInputsMixin, admin.ModelAdmin):
    list_display = ("name_de", "name_en", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name_de",)}
    fieldsets = [
        (None, {"fields": ["name_de", "name_en", "slug", "position"]}),
        *language_fieldsets("name"),
    ]


@admin.register(TargetGroup)
class TargetGroupAdmin(CategoryAdmin):
    pass


class EventDownloadInline(LanguageInputsMixin, admin.TabularInline):
    model = EventDownload
    extra = 0
    fields = ("title_de", "title_en", "title_tr", "title_uk", "title_ar", "file", "position")


@admin.register(Event)
class EventAdmin(RegistrationsOnWithdrawalMixin, LanguageInputsMixin, DraftAdminMixin, ReviewedAdminMixin,
                 MunicipalityGuardMixin, HistoryAdmin):
    form = EventAdminForm
    missing_message = _("Diese Veranstaltung gibt es nicht.")
    foreign_message = _("Diese Veranstaltung gehört nicht zu Ihrer Kommune. Sie können nur die "
                        "Veranstaltungen Ihrer eigenen Kommune bearbeiten.")
    list_display = ("title_de", "when", "organiser", "category", "status", schedule_display, "is_series")
    list_filter = ("status", ScheduleFilter, "category", "organiser", "all_day")
    list_select_related = ("organiser", "category")
    search_fields = ("title_de", "title_en", "venue_name", "venue_city")
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ("title_de",)}
    inlines = [EventDownloadInline, RegistrationSettingsInline]
    readonly_fields = ["series_summary"]
    actions = ["publish", "unpublish", "copy_as_draft", "delete_selected"]
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        models.URLField: {"assume_scheme": "https"},
    }
    fieldsets = [
        (None, {"fields": ["status", SCHEDULE_FIELDS, "title_de", "slug", "lead_de", "description_de"]}),
        (_("Termin"), {"fields": ["start", "end", "all_day"]}),
        (_("Wiederholung"), {"fields": ["repeat", "repeat_interval", "repeat_weekdays", "repeat_until", "repeat_count",
                                        "exdates", "series_summary"]}),
        (_("Eigene Regel"), {"fields": ["rrule"], "classes": ["collapse"],
                             "description": _("Nur bei „eigene Regel“: eine Wiederholungsregel nach RFC 5545.")}),
        (_("Ort"), {"fields": ["venue_name", "venue_street", "venue_postcode", "venue_city", "municipality"]}),
        (_("Veranstalter und Einordnung"), {"fields": ["organiser", "category", "target_groups", "report"]}),
        (_("Anmeldung"), {"fields": ["registration_url", "registration_email", "registration_deadline",
                                     "capacity", "booked_out"]}),
        (_("Bild"), {"fields": ["image", "image_alt", "image_credit"]}),
        (_("Englisch"), {"fields": ["title_en", "lead_en", "description_en"], "classes": ["collapse"]}),
        *language_fieldsets("title", "lead", "description"),
    ]

    @admin.display(description=_("Beginn"), ordering="start")
    def when(self, obj):
        # All-day events by their date alone (no "00:00"), in local time like every admin date.
        start = timezone.localtime(obj.start)
        return date_format(start, "SHORT_DATE_FORMAT") if obj.all_day else date_format(start, "SHORT_DATETIME_FORMAT")

    def view_on_site(self, obj):
        # "Auf der Website ansehen": the public page while the public sees it, else the preview.
        public = Event.objects.published().filter(pk=obj.pk).exists()
        return obj.get_absolute_url() if public else obj.get_preview_url()

    class Media:
        js = ["events/series_in_words.js"]  # rewrites the sentence below while the series fields change

    @admin.display(description=_("Wiederholung in Worten"))
    def series_summary(self, obj):
        # As saved, with the number of dates; events/series_in_words.js asks series_words_view while the
        # editor changes the fields, and screen readers hear the new sentence (a polite live region).
        text = (in_words_with_count(obj) if obj is not None and obj.pk else "") or "–"
        return format_html(
            '<output class="series-in-words" aria-live="polite" data-url="{}" data-failed="{}">{}</output>',
            reverse("admin:events_event_series_words"),
            _("Die Beschreibung lässt sich gerade nicht aktualisieren; sie erscheint nach dem Speichern."), text)

    def get_urls(self):
        # Before the admin's "<path:object_id>/" patterns, which would take the address for an id.
        return [
            path("serie-in-worten/", self.admin_site.admin_view(self.series_words_view),
                 name="events_event_series_words"),
            *super().get_urls(),
        ]

    def series_words_view(self, request):
        """The series fields of the event form (GET) in words, with the number of dates (JSON)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        form = self.get_form(request, None, fields=SERIES_MODEL_FIELDS)(data=request.GET)
        return JsonResponse(series_in_words(form))

    @admin.display(boolean=True, description=_("Serie"))
    def is_series(self, obj):
        return obj.is_series

    # --- object-level scope ----------------------------------------------------------------------
    def get_queryset(self, request):
        return events_editable_by(request.user, super().get_queryset(request))

    def manages_all(self, request) -> bool:
        return editor_can_manage_all(request.user)

    def in_municipality(self, request, obj) -> bool:
        municipality = municipality_for_user(request.user)
        return municipality is not None and obj.organiser.municipality_id == municipality.pk

    def guarded_queryset(self):
        return Event.objects.select_related("organiser")

    def _in_scope(self, request, obj) -> bool:
        return obj is None or self.manages_all(request) or self.in_municipality(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organiser":
            kwargs["queryset"] = organisations_for_editor(request.user, db_field.remote_field.model.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- bulk actions ----------------------------------------------------------------------------
    @admin.action(description=_("Ausgewählte Veranstaltungen veröffentlichen"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Event.Status.PUBLISHED)

    @admin.action(description=_("Ausgewählte Veranstaltungen zurück in den Entwurf"), permissions=["publish"])
    def unpublish(self, request, queryset):
        # Who is registered for a coming date is named and asked about first, then told by mail
        # (registrations.admin_withdrawal).
        published = events_editable_by(request.user, queryset).filter(draft_of__isnull=True,
                                                                       status=Event.Status.PUBLISHED)
        confirmation = self.withdrawal_confirmation(request, queryset, published, action="unpublish",
                                                    title=_("Veranstaltungen zurück in den Entwurf"))
        if confirmation is not None:
            return confirmation
        with transaction.atomic():
            affected = registrations_affected(published)
            self._set_status(request, queryset, Event.Status.DRAFT)
            self.tell_registered(request, affected)
        return None

    @admin.action(description=_("Ausgewählte Veranstaltungen als Entwurf kopieren"), permissions=["add"])
    def copy_as_draft(self, request, queryset):
        copies = [services.copy_event(event) for event in events_editable_by(request.user, queryset)]
        record_revisions(copies, user=request.user, comment=_("Als Entwurf kopiert (Sammelaktion)"))
        if len(copies) == 1:
            self.message_user(request, _("Kopie angelegt. Bitte Termin und Kurznamen prüfen."), messages.SUCCESS)
            return redirect("admin:events_event_change", copies[0].pk)
        self.message_user(
            request,
            ngettext("%(count)d Kopie als Entwurf angelegt.", "%(count)d Kopien als Entwurf angelegt.", len(copies))
            % {"count": len(copies)},
            messages.SUCCESS,
        )
        return None

    def _set_status(self, request, queryset, status):
        # A draft of a published event is published by merging it ("Entwurf veröffentlichen"), never here.
        editable = events_editable_by(request.user, queryset).filter(draft_of__isnull=True)
        changed = list(editable.exclude(status=status).values_list("pk", flat=True))
        count = editable.update(status=status, updated=timezone.now())
        # update() writes no history: one revision per event (with its downloads), as a save would.
        record_revisions(
            Event.objects.filter(pk__in=changed), user=request.user,
            comment=_("Status „%(status)s“ (Sammelaktion)") % {"status": Event.Status(status).label},
        )
        self.message_user(
            request,
            ngettext("%(count)d Veranstaltung geändert.", "%(count)d Veranstaltungen geändert.", count)
            % {"count": count},
            messages.SUCCESS,
        )
