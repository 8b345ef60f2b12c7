"""
The map of NRW as server-rendered SVG: no tiles, no script, no request to another host.

Longitude/latitude are projected equirectangularly with the x axis shrunk by cos(51.5°), which
is close enough for one state. The state outline is projected once per process (it never
changes) and kept in memory; only the markers are computed per request.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass
class Marker:
    x: float
    y: float
    r: float
    url: str
    label: str
    kreisweit: bool

    # SVG attributes as plain strings: template number formatting is localised ("12,5").
    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"

    @property
    def radius(self) -> str:
        return f"{self.r:.1f}"

    @property
    def left(self) -> str:
        return f"{self.x - self.r:.1f}"

    @property
    def top(self) -> str:
        return f"{self.y - self.r:.1f}"

    @property
    def size(self) -> str:
        return f"{2 * self.r:.1f}"


def marker_radius(count: int) -> float:
    """Area grows with the count, capped so that dense regions stay readable."""
    return round(min(5 + 3.2 * math.sqrt(count - 1), 18), 1) if count > 0 else 0


def markers(places, label) -> list[Marker]:
    """Markers for PlaceCount items; `label(place)` gives each link's accessible name."""
    geo = geometry()
    result = []
    for place in places:
        if place.latitude is None or place.longitude is None:
            continue
        x, y = geo.project(place.longitude, place.latitude)
        result.append(Marker(x, y, marker_radius(place.count), place.url, label(place), place.kreisweit))
    # Large circles first, so that small ones stay on top and clickable.
    result.sort(key=lambda m: -m.r)
    return result
