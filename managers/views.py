"""
The directory of Familienmanager, their profiles, a page per municipality, and the map.

Everything public goes through `FamilyManager.objects.public()`. Kept for visitors
(familie_portal.caching, keyed by the content generation: any saved profile or place starts a new
one): the directory's filter choices (data) and its filter form, the map page's SVG and tables and
the sidebar's small map (template parts: ~400 places; the places are read only when a part renders).
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.generic import DetailView, ListView, TemplateView

from familie_portal.caching import cached_data
from managers import municipality_pages, selectors, svgmap
from managers.forms import DirectoryFilterForm, MunicipalityFilterForm
from managers.models import FamilyManager, Municipality

PAGE_SIZE = 20


def map_context() -> dict:
    """The map's markers and its text alternative; the same data as the GeoJSON endpoint."""
    list_url = reverse("managers:list")
    places = selectors.public_counts_by_municipality() + selectors.public_counts_kreisweit(list_url)
    return {
        "geometry": svgmap.geometry(),
        "markers": svgmap.markers(places),
        "regions": selectors.group_by_region(places),
        "total_places": len(places),
    }


def small_map_context() -> dict:
    """The small, decorative map of the sidebar teaser: dots only (no labels, links or tables)."""
    return {
        "geometry": svgmap.geometry(),
        "markers": svgmap.dots(selectors.public_marker_points()),
    }


class ProfileCardsMixin:
    """A paginated list of profiles (card_rows) shown as cards (managers/includes/profile_card.html)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's cards, their places read in one query.
        context["profile_cards"] = selectors.profile_cards(context["object_list"])
        return context


def directory_choices(request):
    """selectors.directory_choices(), kept for visitors until content changes."""
    return cached_data(request, "managers:directory-choices", selectors.directory_choices)


class DirectoryView(ProfileCardsMixin, ListView):
    template_name = "managers/directory.html"
    context_object_name = "profiles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = DirectoryFilterForm(self.request.GET or None, choices=directory_choices(self.request))
        profiles = FamilyManager.objects.public()
        if self.form.is_bound and not self.form.is_valid():
            messages.warning(
                self.request,
                _("Diese Auswahl kennen wir nicht. Bitte wählen Sie einen Regierungsbezirk, Kreis oder eine Kommune "
                  "aus der Liste."),
            )
            return selectors.card_rows(profiles.none())
        data = self.form.cleaned_data if self.form.is_bound else {}
        self.filters = {
            "regierungsbezirk": data.get("regierungsbezirk", ""),
            "kreis": data.get("kreis", ""),
            "kommune": data.get("kommune", ""),
            "q": (data.get("q") or "").strip(),
        }
        return selectors.card_rows(selectors.filter_directory(profiles, **self.filters))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["is_filtered"] = self.form.is_bound
        return context


class ProfileView(DetailView):
    template_name = "managers/profile.html"
    context_object_name = "profile"

    def get_queryset(self):
        return FamilyManager.objects.public().select_related("organisation", "kreis")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["places"] = self.object.municipalities.select_related("kreis")
        context["preview"] = self.preview
        return context

    preview = False


@method_decorator(never_cache, name="dispatch")
class ProfilePreviewView(ProfileView):
    """A profile as the public would see it, drafts and scheduled ones included, for those who may
    change it (the Kommunale Redaktion: profiles active in their city); everyone else gets 404."""

    preview = True

    def get_queryset(self):
        return selectors.profiles_editable_by(self.request.user).select_related("organisation", "kreis")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile_is_public"] = FamilyManager.objects.public().filter(pk=self.object.pk).exists()
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class MunicipalityView(ProfileCardsMixin, ListView):
    """ "Familienmanager in <Kommune>": profiles active there or across its Kreis."""

    template_name = "managers/municipality.html"
    context_object_name = "profiles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.municipality = get_object_or_404(
            Municipality.objects.select_related("kreis__regierungsbezirk"), slug=self.kwargs["slug"]
        )
        return selectors.card_rows(FamilyManager.objects.public().active_in(self.municipality))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.municipality
        return context


class MunicipalityIndexView(TemplateView):
    """The page "Kommunen": every onboarded municipality, grouped by Kreis, A–Z, with a GET filter."""

    template_name = "managers/municipality_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = municipality_pages.onboarded_municipalities()
        regions, kreise = municipality_pages.filter_choices(entries)
        form = MunicipalityFilterForm(self.request.GET or None, regions=regions, kreise=kreise)
        if form.is_bound and not form.is_valid():
            shown = []
        else:
            filters = form.cleaned_data if form.is_bound else {}
            shown = municipality_pages.filter_municipalities(
                entries, q=filters.get("q", ""), kreis=filters.get("kreis", ""),
                regierungsbezirk=filters.get("regierungsbezirk", ""),
            )
        context.update(
            form=form,
            is_filtered=form.is_bound,
            form_invalid=form.is_bound and bool(form.errors),
            groups=municipality_pages.group_by_kreis(shown),
            shown_count=len(shown),
            total_count=len(entries),
        )
        return context


class MapView(TemplateView):
    template_name = "managers/map.html"

    def get_context_data(self, **kwargs):
        # A callable: the template's cached part calls it only when the part is rendered.
        return {**super().get_context_data(**kwargs), "map_data": map_context}


@cache_control(public=True, max_age=300)
def geojson(request):
    """Published data for reuse: municipalities with counts, no personal data at all.

    Built from plain rows (one query) and serialised with one json.dumps: a few hundred features; the
    body is kept for visitors until content changes (a data value per address of the site).
    """
    url = request.build_absolute_uri(selectors.url_template("managers:municipality"))
    body = cached_data(request, "managers:geojson", lambda: geojson_body(url), url)
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")


def geojson_body(url: str) -> str:
    """The FeatureCollection of the public municipalities, each linked by `url` (with the slug placeholder)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {
                "ags": ags,
                "name": name,
                "kreis": kreis_name,
                "regierungsbezirk": rb_name,
                "count": count,
                "url": url.replace(selectors.SLUG_PLACEHOLDER, slug),
            },
        }
        for ags, name, slug, lat, lon, kreis_name, _kreis_slug, rb_name, count in selectors.public_municipality_rows()
        if lat is not None and lon is not None
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
