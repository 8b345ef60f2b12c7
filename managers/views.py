"""
The directory of Familienmanager, their profiles, a page per municipality, and the map.

Everything public goes through `FamilyManager.objects.public()`.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView, TemplateView

from managers import selectors, svgmap
from managers.forms import DirectoryFilterForm
from managers.models import FamilyManager, Municipality

PAGE_SIZE = 20


def _count_label(place) -> str:
    text = ngettext("%(count)s Familienmanager", "%(count)s Familienmanager", place.count) % {"count": place.count}
    if place.kreisweit:
        return _("%(place)s (kreisweit): %(text)s") % {"place": place.name, "text": text}
    return f"{place.name}: {text}"


def map_context() -> dict:
    """Markers and the text alternative; the same data as the GeoJSON endpoint."""
    list_url = reverse("managers:list")
    places = selectors.public_counts_by_municipality() + selectors.public_counts_kreisweit(list_url)
    return {
        "geometry": svgmap.geometry(),
        "markers": svgmap.markers(places, _count_label),
        "regions": selectors.group_by_region(places),
        "total_places": len(places),
    }


class DirectoryView(ListView):
    template_name = "managers/directory.html"
    context_object_name = "profiles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = DirectoryFilterForm(self.request.GET or None)
        profiles = FamilyManager.objects.public()
        if self.form.is_bound and not self.form.is_valid():
            messages.warning(
                self.request,
                _("Diese Auswahl kennen wir nicht. Bitte wählen Sie einen Regierungsbezirk, Kreis oder eine Kommune "
                  "aus der Liste."),
            )
            return profiles.none()
        data = self.form.cleaned_data if self.form.is_bound else {}
        if rb := data.get("regierungsbezirk"):
            profiles = profiles.filter(
                Q(municipalities__kreis__regierungsbezirk=rb) | Q(kreis__regierungsbezirk=rb)
            )
        if kreis := data.get("kreis"):
            profiles = profiles.filter(Q(municipalities__kreis=kreis) | Q(kreis=kreis))
        if municipality := data.get("kommune"):
            profiles = profiles.filter(Q(municipalities=municipality) | Q(kreis_id=municipality.kreis_id))
        if q := (data.get("q") or "").strip():
            profiles = profiles.filter(
                Q(name__icontains=q) | Q(role__icontains=q) | Q(focus__icontains=q)
                | Q(organisation__name__icontains=q) | Q(municipalities__name__icontains=q)
                | Q(kreis__name__icontains=q)
            )
        return profiles.distinct().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["is_filtered"] = self.form.is_bound
        return context


class ProfileView(DetailView):
    template_name = "managers/profile.html"
    context_object_name = "profile"

    def get_queryset(self):
        return FamilyManager.objects.public().for_listing()


class MunicipalityView(ListView):
    """ "Familienmanager in <Kommune>": profiles active there or across its Kreis."""

    template_name = "managers/municipality.html"
    context_object_name = "profiles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.municipality = get_object_or_404(
            Municipality.objects.select_related("kreis__regierungsbezirk"), slug=self.kwargs["slug"]
        )
        return FamilyManager.objects.public().active_in(self.municipality).for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.municipality
        return context


class MapView(TemplateView):
    template_name = "managers/map.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **map_context()}


@cache_control(public=True, max_age=300)
def geojson(request):
    """Published data for reuse: municipalities with counts, no personal data at all."""
    features = []
    for place in selectors.public_counts_by_municipality():
        if place.latitude is None or place.longitude is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            "properties": {
                "ags": place.ags,
                "name": place.name,
                "kreis": place.kreis_name,
                "regierungsbezirk": place.regierungsbezirk_name,
                "count": place.count,
                "url": request.build_absolute_uri(place.url),
            },
        })
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features}, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Type"] = "application/geo+json; charset=utf-8"
    return response
