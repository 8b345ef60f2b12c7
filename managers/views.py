"""
The directory of Familienmanager, their profiles, a page per municipality, and the map.

Everything public goes through `FamilyManager.objects.public()`.
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView, TemplateView

from familie_portal import fragments
from managers import caching, rendering, selectors, svgmap
from managers.forms import DirectoryFilterForm
from managers.models import FamilyManager, Municipality

PAGE_SIZE = 20


def map_context() -> dict:
    """The map's markers and its text alternative; the same data as the GeoJSON endpoint."""
    list_url = reverse("managers:list")
    places = selectors.public_counts_by_municipality() + selectors.public_counts_kreisweit(list_url)
    return {
        "geometry": svgmap.geometry(),
        "markers": rendering.map_markers(svgmap.markers(places)),
        "regions": [(rb.name, rendering.region_rows(rb)) for rb in selectors.group_by_region(places)],
        "total_places": len(places),
    }


def small_map_context() -> dict:
    """The small, decorative map of the sidebar teaser: dots only (no labels, links or tables)."""
    return {
        "geometry": svgmap.geometry(),
        "markers": rendering.map_dots(svgmap.dots(selectors.public_marker_points())),
    }


class ProfileCardsMixin:
    """A paginated list of profiles (card_rows) shown as cards: `profile_cards` is their HTML."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = {row[0]: row for row in context["object_list"]}

        def render(pks):  # the cards not cached yet: their places are read in one query
            cards = selectors.profile_cards([rows[pk] for pk in pks])
            return {pk: rendering.profile_cards([card]) for pk, card in zip(pks, cards, strict=True)}

        # Each card is kept per profile and generation (a saved profile or place starts a new one).
        context["profile_cards"] = mark_safe(  # noqa: S308 - rendering.profile_cards escapes every value
            "\n".join(fragments.cached_pieces(self.request, "managers:card", list(rows), render))
        )
        return context


class DirectoryView(ProfileCardsMixin, ListView):
    template_name = "managers/directory.html"
    context_object_name = "profiles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = DirectoryFilterForm(self.request.GET or None, choices=caching.directory_choices(self.request))
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

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if getattr(self, "filters", None) is not None:
            # How many profiles match, kept for visitors per filters and cache generation (a saved
            # or withdrawn profile starts a new one); the page's rows are read on every request.
            paginator.count = fragments.cached_value(
                self.request, "managers:directory-count", queryset.count, *self.filters.values(), per_language=False
            )
        return paginator

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
        # Lazy: read only when the "manager-profile" fragment is not cached.
        context["places"] = SimpleLazyObject(lambda: list(self.object.municipalities.select_related("kreis")))
        return context


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


class MapView(TemplateView):
    template_name = "managers/map.html"

    def get_context_data(self, **kwargs):
        # Lazy: the template's "managers-map" fragment asks for it only when it is not cached.
        return {**super().get_context_data(**kwargs), "map": SimpleLazyObject(map_context)}


@cache_control(public=True, max_age=300)
def geojson(request):
    """Published data for reuse: municipalities with counts, no personal data at all.

    Built from plain rows (kept for visitors per cache generation: any save starts a new one) and
    serialised with one json.dumps: a few hundred features per request.
    """
    url = request.build_absolute_uri(selectors.url_template("managers:municipality"))
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
        for ags, name, slug, lat, lon, kreis_name, _kreis_slug, rb_name, count in fragments.cached_value(
            request, "managers:municipality-rows", selectors.public_municipality_rows, per_language=False
        )
        if lat is not None and lon is not None
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")
