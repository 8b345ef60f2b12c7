"""
Public pages of the Werkstattreihe (served through the apphook on the CMS page "Werkstattreihe").

- list: published reports, newest first, filter by year / city / series, paginated;
- detail: one published report, laid out as a report;
- preview: any report, drafts included, for editors who may change reports (others get 404).
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from menus.utils import set_language_changer

from familie_portal.translation import current_language
from workshops import selectors
from workshops.forms import WorkshopFilterForm
from workshops.models import Workshop
from workshops.seo import meta_description, workshop_json_ld


class WorkshopListView(ListView):
    template_name = "workshops/workshop_list.html"
    context_object_name = "workshops"
    # Reports are long teasers; three per page keeps the page short (and the demo paginated).
    paginate_by = 3

    def get_queryset(self):
        self.filter_form = WorkshopFilterForm(self.request.GET or None)
        return selectors.workshop_list(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.is_bound and self.filter_form.filters())
        return context


class WorkshopDetailView(DetailView):
    template_name = "workshops/workshop_detail.html"
    context_object_name = "workshop"
    preview = False

    def get_object(self, queryset=None):
        workshops = Workshop.objects.published().for_detail()
        slug = self.kwargs["slug"]
        language = current_language()
        workshop = workshops.filter(**{f"slug_{language}": slug}).first()
        if workshop is None:
            # An address in the other language (e.g. a shared link): send to this language's address.
            workshop = workshops.filter(Q(slug_de=slug) | Q(slug_en=slug)).first()
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
        context.update(
            preview=self.preview,
            meta_description=meta_description(workshop),
            json_ld=workshop_json_ld(workshop=workshop, request=self.request),
            canonical_url=self.request.build_absolute_uri(workshop.get_absolute_url()),
            organiser_events=selectors.organiser_events_in_year(
                organiser=workshop.organiser, year=workshop.date.year, report=workshop
            ),
        )
        return context


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
