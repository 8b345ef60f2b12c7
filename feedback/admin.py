"""
The IQZ-Redaktion's inbox of feedback: list with filters by topic and status, the message with the page
concerned, status and answer; "Antwort senden" mails the answer to the sender. Nobody adds messages here
(they come from the form). Municipal editors have no permission (feedback.roles). And the one row of the
accessibility statement's dates.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from feedback import services
from feedback.models import AccessibilityStatement, Feedback


class FeedbackAdminForm(forms.ModelForm):
    send_answer = forms.BooleanField(
        label=_("Antwort senden"), required=False,
        help_text=_("Die Antwort beim Speichern per E-Mail an die Absenderin oder den Absender schicken "
                    "(der Status wird dann „beantwortet“)."),
    )

    class Meta:
        model = Feedback
        fields = ["status", "answer"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("send_answer"):
            if not self.instance.email or self.instance.purged_at:
                self.add_error("send_answer", _("Zu dieser Nachricht gibt es keine E-Mail-Adresse."))
            elif not (cleaned.get("answer") or "").strip():
                self.add_error("answer", _("Bitte schreiben Sie zuerst die Antwort."))
        return cleaned


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    form = FeedbackAdminForm
    list_display = ("created", "topic", "status", "page_link", "has_email", "answered_at")
    list_filter = ("topic", "status")
    date_hierarchy = "created"
    search_fields = ("message", "page")
    readonly_fields = ("created", "topic", "page_link", "name", "email", "message", "language", "answered_at",
                       "answer_sent_at", "purged_at")
    fieldsets = [
        (None, {"fields": ["created", "topic", "page_link", "message", "name", "email", "language"]}),
        (_("Bearbeitung"), {"fields": ["status", "answer", "send_answer", "answered_at", "answer_sent_at",
                                       "purged_at"]}),
    ]

    @admin.display(description=_("Betroffene Seite"), ordering="page")
    def page_link(self, obj):
        # A path of this portal (feedback.forms.site_path), opened on the editor's own host.
        return format_html('<a href="{}">{}</a>', obj.page, obj.page) if obj.page else "–"

    @admin.display(description=_("Antwort möglich"), boolean=True)
    def has_email(self, obj):
        return bool(obj.email)

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        services.feedback_set_status(feedback=obj)
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("send_answer"):
            services.feedback_send_answer(feedback=obj)
            messages.success(request, _("Die Antwort wird per E-Mail gesendet."))


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """One row: the list leads straight to it (or to adding it, the first time)."""

    list_display = ("__str__", "prepared_on", "reviewed_on")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        row = AccessibilityStatement.objects.first()
        if row is not None and self.has_change_permission(request, row):
            return redirect(reverse("admin:feedback_accessibilitystatement_change", args=[row.pk]))
        return super().changelist_view(request, extra_context)
