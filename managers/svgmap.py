"""
The map of NRW as server-rendered SVG: no tiles, no script, no request to another host.

Longitude/latitude are projected equirectangularly with the x axis shrunk by cos(51.5°), which
is close enough for one state. The state outline is projected once per process (it never
changes) and kept in memory; only the markers are computed per request. The markup is
templates/managers/includes/map_svg.html: this module gives it numbers (as SVG attribute values)
and labels.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext, ngettext

from managers.places import OUTLINE_GEOJSON

WIDTH = 600
PADDING = 10
_COS_LAT = math.cos(math.radians(51.5))


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    outline_path: str
    min_lon: float
    max_lat: float
    scale: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    def project(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = PADDING + (longitude - self.min_lon) * _COS_LAT * self.scale
        y = PADDING + (self.max_lat - latitude) * self.scale
        return round(x, 1), round(y, 1)


@lru_cache(maxsize=1)
def geometry() -> Geometry:
    data = json.loads(OUTLINE_GEOJSON.read_text(encoding="utf-8"))
    rings = []
    for feature in data["features"]:
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for polygon in polygons:
            rings.extend(polygon)
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    scale = (WIDTH - 2 * PADDING) / ((max_lon - min_lon) * _COS_LAT)
    height = round(2 * PADDING + (max_lat - min_lat) * scale)
    partial = Geometry(WIDTH, height, "", min_lon, max_lat, scale)
    path = " ".join(
        "M" + " L".join("{:.1f},{:.1f}".format(*partial.project(lon, lat)) for lon, lat in ring) + " Z"
        for ring in rings
    )
    return Geometry(WIDTH, height, path, min_lon, max_lat, scale)


def marker(x: float, y: float, r: float, place=None) -> dict:
    """
    A place's marker as templates/managers/includes/map_svg.html reads it: the attribute values of its
    <circle> (`cx`, `cy`, `radius`) or, for a Kreis, of its <rect> (`left`, `top`, `size`), rounded to
    0.1 map units as the SVG writes them; `r` (the radius as a number, for sorting); on the big map
    `place` (a selectors.PlaceCount) and `label`, its accessible name. A dict, not an object: a template
    variable finds a dict's key at its first lookup, and the map has some 400 markers of three to six
    values each (a third less time for the small map's dots than attributes of a NamedTuple).
    """
    values = {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "radius": f"{r:.1f}", "r": r}
    if place is not None:
        values.update(left=f"{x - r:.1f}", top=f"{y - r:.1f}", size=f"{2 * r:.1f}", place=place, label=label(place))
    return values


def label(place) -> str:
    """A marker's accessible name: "Bochum: 3 Familienmanager", or "Kreis Unna (kreisweit):
    1 Familienmanager" for a Kreis whose Familienmanager work across the whole Kreis."""
    text = ngettext("%(count)s Familienmanager", "%(count)s Familienmanager", place.count) % {"count": place.count}
    if place.kreisweit:
        return gettext("%(place)s (kreisweit): %(text)s") % {"place": place.name, "text": text}
    return f"{place.name}: {text}"


def marker_radius(count: int) -> float:
    """Area grows with the count, capped so that dense regions stay readable."""
    return round(min(5 + 3.2 * math.sqrt(count - 1), 18), 1) if count > 0 else 0


def _sorted(markers: list[dict]) -> list[dict]:
    # Large circles first, so that small ones stay on top and clickable.
    markers.sort(key=lambda m: -m["r"])
    return markers


def markers(places) -> list[dict]:
    """Markers for PlaceCount items with coordinates, large ones first."""
    geo = geometry()
    return _sorted([
        marker(*geo.project(place.longitude, place.latitude), marker_radius(place.count), place)
        for place in places
        if place.latitude is not None and place.longitude is not None
    ])


def dots(points) -> list[dict]:
    """The same markers from (latitude, longitude, count) points, without places (the small map)."""
    geo = geometry()
    return _sorted([
        marker(*geo.project(longitude, latitude), marker_radius(count))
        for latitude, longitude, count in points
        if latitude is not None and longitude is not None
    ])
