"""
Public pages of the Werkstattreihe (served through the apphook on the CMS page "Werkstattreihe").

- list: published reports, newest first, filter by year / city / series, paginated;
- detail: one published report, laid out as a report;
- preview: any report, drafts included, for editors who may change reports (others get 404).

Cached for visitors (familie_portal.fragments: keys hold the cache generation, which every publish
and every saved portal row advances, the site and the language; editors always get a fresh render):

- the report's article ("workshop-report", by report; it holds the series, place, organiser,
  image, talks, quotes, ranked list, downloads and the organiser's dates of the year), its JSON-LD
  ("workshop-json-ld", by report and its absolute address) and og:image ("workshop-og-image", by
  report, scheme and host). The view reads only the report's own row; the rest is read when a
  fragment is rendered (selectors.ReportParts).
- the list's filter: its choices ("workshop-filter-choices", data, fragments.cached_value) and its HTML
  ("workshop-filter", by bound-or-not and the valid values shown; a form with an invalid value is
  always rendered). The cards of the page are built in Python (workshops.rendering), not cached.
- "Neueste Werkstattberichte" (workshops/plugins/latest_workshops.html): by plugin and count.
"""

from functools import partial
from itertools import groupby

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from menus.utils import set_language_changer

from familie_portal import fragments
from familie_portal.translation import current_language
from workshops import rendering, selectors
from workshops.forms import WorkshopFilterForm
from workshops.models import Workshop
from workshops.seo import meta_description, workshop_json_ld


def _first(queryset):
    return next(iter(queryset[:1]), None)


class WorkshopListView(ListView):
    template_name = "workshops/workshop_list.html"
    context_object_name = "workshops"
    # Reports are long teasers; three per page keeps the page short (and the demo paginated).
    paginate_by = 3

    def get_queryset(self):
        choices = fragments.cached_value(self.request, "workshop-filter-choices", selectors.filter_choices)
        self.filter_form = WorkshopFilterForm(self.request.GET or None, choices=choices)
        return selectors.workshop_list(**self.filter_form.filters())

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # How many reports match, kept for visitors per filters and cache generation; the page's
        # reports are read on every request.
        filters = sorted(self.filter_form.filters().items())
        paginator.count = fragments.cached_value(
            self.request, "workshops:count", queryset.count, filters, per_language=False
        )
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.is_bound and self.filter_form.filters())
        # The page's reports by year, each year's cards rendered at once (workshops.rendering).
        context["years"] = [
            (year, rendering.workshop_cards(items, heading="h3"))
            for year, items in groupby(context["object_list"], key=lambda workshop: workshop.date.year)
        ]
        return context


class WorkshopDetailView(DetailView):
    template_name = "workshops/workshop_detail.html"
    context_object_name = "workshop"
    preview = False

    def get_object(self, queryset=None):
        # The report's own row only: series, place, organiser and image are read when the report's
        # fragments are rendered (selectors.ReportParts; outside them the page shows none of these);
        # joining them costs more than the row itself. A slug is unique: no ordering needed.
        workshops = Workshop.objects.published().order_by()
        slug = self.kwargs["slug"]
        language = current_language()
        workshop = _first(workshops.filter(**{f"slug_{language}": slug}))
        if workshop is None:
            # An address in the other language (e.g. a shared link): send to this language's address.
            workshop = _first(workshops.filter(Q(slug_de=slug) | Q(slug_en=slug)))
            if workshop is None:
                raise Http404(_("Diesen Bericht gibt es nicht."))
            self.redirect_to = workshop.get_absolute_url()
        return workshop

    def get(self, request, *args, **kwargs):
        self.redirect_to = None
        self.object = self.get_object()
        if self.redirect_to:
            return redirect(self.redirect_to, permanent=True)
        set_language_changer(request, self.language_url)
        return self.render_to_response(self.get_context_data(object=self.object))

    def language_url(self, language):
        """The language switch leads to this report in the other language."""
        return self.object.get_absolute_url(language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.object
        parts = selectors.ReportParts(workshop, complete=self.preview)

        def json_ld():
            return workshop_json_ld(workshop=parts.workshop, request=self.request, contributions=parts.contributions)

        # The JSON-LD, the inlines and the organiser's dates are read and built only when their
        # fragment is rendered (the template calls these): a cached report needs none of them.
        context.update(
            preview=self.preview,
            report=parts,
            meta_description=meta_description(workshop),
            json_ld=json_ld,
            canonical_url=self.request.build_absolute_uri(workshop.get_absolute_url()),
            organiser_events=partial(organiser_events_block, parts),
        )
        return context


def organiser_events_block(parts: selectors.ReportParts) -> dict | None:
    """"Weitere Veranstaltungen des IQZ im Jahr 2008": the first dates as `<li>`s, and a link to all of them."""
    workshop = parts.workshop
    found = selectors.organiser_events_in_year(
        organiser=workshop.organiser, year=workshop.date.year, report=workshop
    )
    if not found:
        return None
    try:
        all_url = reverse("events:organiser_year", args=[workshop.organiser.slug, workshop.date.year])
    except NoReverseMatch:  # the calendar page is not hooked (yet)
        all_url = ""
    return {"items": rendering.occurrence_items(found.occurrences), "has_more": found.has_more, "all_url": all_url}


@method_decorator(never_cache, name="dispatch")
class WorkshopPreviewView(WorkshopDetailView):
    """A report as the public would see it, drafts included, for those who may change reports."""

    preview = True

    def get_object(self, queryset=None):
        if not self.request.user.has_perm("workshops.change_workshop"):
            # 404, not 403: a draft's existence is not public either.
            raise Http404(_("Diesen Bericht gibt es nicht."))
        return get_object_or_404(Workshop.objects.for_detail(), pk=self.kwargs["pk"])

    def language_url(self, language):
        with override(language):
            return self.object.get_preview_url()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
