"""
Organisers' side: the registration settings as part of the event form, the dates with their participant
lists (state, waiting list) and the CSV/XLSX downloads. The IQZ-Redaktion sees every event's dates, the
Kommunale Redaktion only those of events it may manage (events.selectors.events_editable_by) - also
through crafted URLs.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.selectors import events_editable_by
from registrations import exports, services
from registrations.forms import ParticipantMessageForm
from registrations.models import EventDate, Registration, RegistrationSettings
from registrations.selectors import event_dates_manageable_by


class RegistrationSettingsInline(admin.StackedInline):
    """On the event's form (events/admin.py): the portal's own registration for this event."""

    model = RegistrationSettings
    can_delete = False
    extra = 1  # the empty form is there without JavaScript; left untouched, it saves nothing
    max_num = 1
    fieldsets = [
        (None, {"fields": ["enabled", "opens_at", "closes_at", "places", "waiting_list", "reminder_days",
                           "notify_organiser",
                           "organiser_email"]}),
        (_("Fragen"), {"fields": ["ask_organisation", "ask_phone", "ask_accessibility", "ask_dietary",
                                  "ask_message", "consent_text"]}),
    ]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    can_delete = False
    fields = ("status", "name", "email", "organisation", "phone", "accessibility_display", "dietary", "message",
              "created", "confirmed_at", "waiting_since")
    readonly_fields = fields
    ordering = ("status", "confirmed_at", "waiting_since", "created")

    @admin.display(description=_("Barrierefreiheit und Kinderbetreuung"))
    def accessibility_display(self, obj):
        return ", ".join(filter(None, [*obj.accessibility_labels, obj.accessibility_other]))

    def has_add_permission(self, request, obj=None):
        return False


class EventScopeMixin:
    """Object-level scope by the event: only what the user may manage (as EventAdmin)."""

    event_path = "event"

    def get_queryset(self, request):
        events = events_editable_by(request.user)
        return super().get_queryset(request).filter(**{f"{self.event_path}__in": events})

    def _in_scope(self, request, obj) -> bool:
        if obj is None:
            return True
        return events_editable_by(request.user).filter(pk=self.event_id(obj)).exists()

    def event_id(self, obj) -> int:
        return obj.event_id

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = events_editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(EventDate)
class EventDateAdmin(EventScopeMixin, admin.ModelAdmin):
    list_display = ("event", "start", "places", "confirmed", "waiting", "cancelled", "closed", "downloads")
    list_filter = ("closed", "event__organiser")
    list_select_related = ("event",)
    search_fields = ("event__title_de",)
    date_hierarchy = "start"
    fields = ("event", "start", "places", "closed", "confirmed", "waiting", "cancelled")
    readonly_fields = ("confirmed", "waiting", "cancelled")
    inlines = [RegistrationInline]

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "event", "start") if obj else self.readonly_fields

    @admin.display(description=_("Teilnehmerliste"))
    def downloads(self, obj):
        return format_html('<a href="{}">CSV</a> · <a href="{}">XLSX</a> · <a href="{}">{}</a>',
                           reverse("admin:registrations_eventdate_export", args=[obj.pk, "csv"]),
                           reverse("admin:registrations_eventdate_export", args=[obj.pk, "xlsx"]),
                           reverse("admin:registrations_eventdate_message", args=[obj.pk]), _("Nachricht"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"places", "closed"} & set(form.changed_data):
            moved = services.event_date_fill(event_date=obj, base_url=request.build_absolute_uri("/").rstrip("/"))
            if moved:
                self.message_user(request, _("%(count)d Personen von der Warteliste sind nachgerückt.")
                                  % {"count": moved}, messages.SUCCESS)

    def get_urls(self):
        return [
            path("<int:pk>/export/<str:kind>/", self.admin_site.admin_view(self.export_view),
                 name="registrations_eventdate_export"),
            path("<int:pk>/nachricht/", self.admin_site.admin_view(self.message_view),
                 name="registrations_eventdate_message"),
            *super().get_urls(),
        ]

    def _visible_date(self, request, pk) -> EventDate:
        """A date whose participant list the user may see (the exports and the message ask the same)."""
        event_date = get_object_or_404(event_dates_manageable_by(request.user).select_related("event"), pk=pk)
        if not self.has_view_permission(request, event_date):
            raise PermissionDenied
        return event_date

    def message_view(self, request, pk):
        """A message to everyone confirmed for the date: one mail each, through the task queue."""
        event_date = self._visible_date(request, pk)
        form = ParticipantMessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            base_url = request.build_absolute_uri("/").rstrip("/")
            count = services.event_date_message(event_date=event_date, base_url=base_url, **form.cleaned_data)
            self.message_user(request, _("Die Nachricht geht an %(count)d bestätigte Teilnehmende.")
                              % {"count": count}, messages.SUCCESS)
            return redirect("admin:registrations_eventdate_change", event_date.pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "original": event_date,
                   "form": form, "title": _("Nachricht an die Teilnehmenden"),
                   "recipients": event_date.registrations.filter(status="confirmed").count()}
        return TemplateResponse(request, "admin/registrations/eventdate/message.html", context)

    def export_view(self, request, pk, kind):
        if kind not in ("csv", "xlsx"):
            raise Http404
        event_date = self._visible_date(request, pk)
        return exports.csv_response(event_date) if kind == "csv" else exports.xlsx_response(event_date)


@admin.register(Registration)
class RegistrationAdmin(EventScopeMixin, admin.ModelAdmin):
    event_path = "event_date__event"
    list_display = ("name", "email", "event_date", "status", "created", "confirmed_at")
    list_filter = ("status",)
    list_select_related = ("event_date__event",)
    search_fields = ("name", "email", "event_date__event__title_de")
    readonly_fields = ("event_date", "status", "name", "email", "organisation", "phone", "accessibility",
                       "accessibility_other", "dietary", "message", "language", "created", "confirmed_at",
                       "waiting_since", "cancelled_at", "reminded_at")
    fields = readonly_fields

    def event_id(self, obj) -> int:
        return obj.event_date.event_id

    def has_add_permission(self, request):
        return False
