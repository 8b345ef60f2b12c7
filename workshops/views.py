"""
Public pages of the Werkstattreihe (served through the apphook on the CMS page "Werkstattreihe").

- list: published reports, newest first, filter by year / city / series, paginated;
- detail: one published report, laid out as a report;
- preview: any report, drafts included, for editors who may change reports (others get 404).

Kept for visitors (familie_portal.caching, keyed by the content generation: every save and
publish starts a new one): the filter's choices (data), the filter form and the report's article
on the detail page (template parts; the article's quotes, ranked list, downloads and the
organiser's dates are read only when it is rendered).
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

from familie_portal.caching import cached_data
from familie_portal.translation import column, current_language
from workshops import selectors
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
        choices = cached_data(self.request, "workshops:filter-choices", selectors.filter_choices)
        self.filter_form = WorkshopFilterForm(self.request.GET or None, choices=choices)
        return selectors.workshop_list(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.is_bound and self.filter_form.filters())
        # The page's reports by year (a section per year, workshops/includes/workshop_card.html per report).
        context["years"] = [
            (year, list(items))
            for year, items in groupby(context["object_list"], key=lambda workshop: workshop.date.year)
        ]
        return context


class WorkshopDetailView(DetailView):
    template_name = "workshops/workshop_detail.html"
    context_object_name = "workshop"
    preview = False

    def get_object(self, queryset=None):
        # The report with its series, place, organiser and image (the header, JSON-LD and og:image
        # show them); the inlines are read by selectors.ReportParts. A slug is unique: no ordering needed.
        workshops = Workshop.objects.published().for_detail().order_by()
        slug = self.kwargs["slug"]
        language = current_language()
        workshop = _first(workshops.filter(**{column(Workshop, "slug", language): slug}))
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
        parts = selectors.ReportParts(workshop)
        # The inlines and the organiser's dates are read only when the report's article is rendered
        # (the template calls `organiser_events`): a cached article needs none of them.
        context.update(
            preview=self.preview,
            report=parts,
            meta_description=meta_description(workshop),
            json_ld=workshop_json_ld(workshop=workshop, request=self.request, contributions=parts.contributions),
            canonical_url=self.request.build_absolute_uri(workshop.get_absolute_url()),
            organiser_events=partial(organiser_events_block, parts),
        )
        return context


def organiser_events_block(parts: selectors.ReportParts) -> dict | None:
    """"Weitere Veranstaltungen des IQZ im Jahr 2008": the first dates, and a link to all of them."""
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
    return {"occurrences": found.occurrences, "has_more": found.has_more, "all_url": all_url}


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
