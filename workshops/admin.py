"""
Editing workshop reports: one form with the report in the portal's languages and its parts as inlines.

Who may do what comes from the permissions in `workshops.roles`: the IQZ-Redaktion edits
reports, the Kommunale Redaktion has no report permissions (the admin answers 403).
Every save (with the parts) is a revision in the history: compare, restore, recover a deleted report
(familie_portal.admin_history).
"""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from familie_portal.admin_history import HistoryAdmin
from familie_portal.admin_languages import LanguageInputsMixin, language_fieldsets
from familie_portal.admin_scheduling import SCHEDULE_FIELDS, ScheduleFilter, schedule_display
from reviews.admin import ReviewedAdminMixin
from reviews.admin_drafts import DraftAdminMixin
from workshops import services
from workshops.models import (
    Contribution,
    Download,
    Quote,
    RankedItem,
    Workshop,
    WorkshopSeries,
)


@admin.register(WorkshopSeries)
class WorkshopSeriesAdmin(LanguageInputsMixin, admin.ModelAdmin):
    list_display = ["name_de", "name_en", "slug"]
    search_fields = ["name_de", "name_en"]
    prepopulated_fields = {"slug": ["name_de"]}
    fieldsets = [(None, {"fields": ["name_de", "name_en", "slug"]}), *language_fieldsets("name")]


class ContributionInline(LanguageInputsMixin, admin.StackedInline):
    model = Contribution
    extra = 0
    fieldsets = [
        (None, {"fields": [
            "position", ("academic_title", "name"), ("role_de", "role_en"), ("affiliation_de", "affiliation_en"),
            ("topic_de", "topic_en"), "summary_de", "summary_en",
        ]}),
        *language_fieldsets("role", "affiliation", "topic", "summary"),
    ]


class QuoteInline(LanguageInputsMixin, admin.StackedInline):
    model = Quote
    extra = 0
    fieldsets = [
        (None, {"fields": [
            "position", "speaker", "text_de", "text_en", ("caption_de", "caption_en"), "photo",
            ("photo_alt_de", "photo_alt_en"), "photo_credit",
        ]}),
        *language_fieldsets("text", "caption", "photo_alt"),
    ]


class RankedItemInline(LanguageInputsMixin, admin.StackedInline):
    # Stacked (not a table): the label and explanation in five languages do not fit in one row.
    model = RankedItem
    extra = 0
    fieldsets = [
        (None, {"fields": ["position", ("label_de", "label_en"), ("description_de", "description_en")]}),
        *language_fieldsets("label", "description"),
    ]


class DownloadInline(LanguageInputsMixin, admin.TabularInline):
    model = Download
    extra = 0
    fields = ["position", "file", "title_de", "title_en", "title_tr", "title_uk", "title_ar"]


@admin.register(Workshop)
class WorkshopAdmin(LanguageInputsMixin, DraftAdminMixin, ReviewedAdminMixin, HistoryAdmin):
    list_display = ["title_de", "date", "city", "organiser", "status", schedule_display, "preview_link"]
    list_filter = ["status", ScheduleFilter, "series", "organiser", "city"]
    list_select_related = ["city", "organiser"]
    date_hierarchy = "date"
    search_fields = ["title_de", "title_en", "teaser_de", "contributions__name", "city__name"]
    search_help_text = _("Titel, Vorspann, Referentinnen und Referenten, Ort")
    prepopulated_fields = {"slug_de": ["title_de"]}
    readonly_fields = ["published_at", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    inlines = [QuoteInline, RankedItemInline, ContributionInline, DownloadInline]
    fieldsets = [
        (_("Einordnung"), {"fields": [
            "series", ("date", "end_date"), "show_day", "city", "organiser", ("status", "published_at"),
            SCHEDULE_FIELDS,
        ]}),
        (_("Deutsch"), {"fields": ["title_de", "slug_de", "teaser_de", "body_de", "conclusion_de"]}),
        (_("Englisch"), {
            "fields": ["title_en", "slug_en", "teaser_en", "body_en", "conclusion_en"],
            "description": _("Leere Felder zeigen auf der englischen Seite den deutschen Text."),
        }),
        (_("Rangfolge"), {
            "fields": [("ranking_title_de", "ranking_title_en"), ("ranking_high_de", "ranking_high_en"),
                       ("ranking_low_de", "ranking_low_en"), "ranking_note_de", "ranking_note_en"],
            "description": _("Die Einträge der Rangfolge stehen unten; Rang 1 ist der erste."),
        }),
        (_("Bild"), {"fields": ["image", ("image_alt_de", "image_alt_en"), ("image_caption_de", "image_caption_en"),
                               "image_credit"]}),
        # Turkish, Ukrainian, Arabic: the same texts (the address stays the German one).
        *language_fieldsets(
            "title", "teaser", "body", "conclusion", "ranking_title", ("ranking_high", "ranking_low"), "ranking_note",
            ("image_alt", "image_caption"), description=_("Leere Felder zeigen den deutschen Text."),
        ),
        (_("Verwaltung"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city", "organiser")

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else obj.get_preview_url()

    @admin.display(description=_("Vorschau"))
    def preview_link(self, obj):
        url = obj.get_preview_url()
        return format_html('<a href="{}">{}</a>', url, _("Vorschau")) if url else "–"

    @admin.action(description=_("Ausgewählte Berichte veröffentlichen"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Workshop.Status.PUBLISHED)

    @admin.action(description=_("Ausgewählte Berichte zurückziehen (Entwurf)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Workshop.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # A draft of a published report is published by merging it ("Entwurf veröffentlichen"), never here.
        queryset = queryset.filter(draft_of__isnull=True)
        for workshop in queryset:
            services.workshop_set_status(workshop=workshop, status=status, user=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d Bericht geändert.", "%(count)d Berichte geändert.", count) % {"count": count},
            messages.SUCCESS,
        )

