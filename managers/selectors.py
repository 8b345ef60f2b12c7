"""Reads about places, who may edit them, and where Familienmanager are active (public data only)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count

from managers.models import FamilyManager, Kreis, Municipality


def municipality_for_user(user) -> Municipality | None:
    """The municipality a Kommunale Redaktion member edits for, or None (IQZ, superusers, others)."""
    if not user.is_authenticated:
        return None
    editor = getattr(user, "municipal_editor", None)
    return editor.municipality if editor else None


@dataclass
class PlaceCount:
    """One marker of the map / one line of its text alternative."""

    name: str
    slug: str
    count: int
    latitude: float | None
    longitude: float | None
    url: str
    kreis_name: str
    kreis_slug: str
    regierungsbezirk_name: str
    kreisweit: bool = False
    ags: str = ""


@dataclass
class KreisGroup:
    name: str
    slug: str
    places: list[PlaceCount] = field(default_factory=list)


@dataclass
class RegierungsbezirkGroup:
    name: str
    kreise: list[KreisGroup] = field(default_factory=list)


def public_counts_by_municipality() -> list[PlaceCount]:
    """Municipalities with at least one public profile and how many (one query)."""
    rows = (
        Municipality.objects.filter(family_managers__in=FamilyManager.objects.public())
        .values(
            "ags", "name", "slug", "latitude", "longitude",
            "kreis__name", "kreis__slug", "kreis__regierungsbezirk__name",
        )
        .annotate(count=Count("family_managers", distinct=True))
        .order_by("name")
    )
    # One reverse() for all rows (a few hundred reverses through the apphook cost ~10 ms a page).
    url_template = Municipality(slug="__slug__").get_absolute_url()
    return [
        PlaceCount(
            ags=row["ags"], name=row["name"], slug=row["slug"], count=row["count"],
            latitude=float(row["latitude"]) if row["latitude"] is not None else None,
            longitude=float(row["longitude"]) if row["longitude"] is not None else None,
            url=url_template.replace("__slug__", row["slug"]),
            kreis_name=row["kreis__name"], kreis_slug=row["kreis__slug"],
            regierungsbezirk_name=row["kreis__regierungsbezirk__name"],
        )
        for row in rows
    ]


def public_counts_kreisweit(list_url: str) -> list[PlaceCount]:
    """Kreise with public profiles active across the whole Kreis, placed at the Kreis's mean point (two queries)."""
    kreise = list(
        Kreis.objects.filter(family_managers__in=FamilyManager.objects.public())
        .values("id", "name", "slug", "regierungsbezirk__name")
        .annotate(count=Count("family_managers", distinct=True))
        .order_by("name")
    )
    if not kreise:
        return []
    centres = {
        row["kreis_id"]: row
        for row in Municipality.objects.filter(kreis_id__in=[k["id"] for k in kreise])
        .values("kreis_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    }
    result = []
    for kreis in kreise:
        centre = centres.get(kreis["id"], {})
        result.append(
            PlaceCount(
                name=kreis["name"], slug=kreis["slug"], count=kreis["count"],
                latitude=float(centre["lat"]) if centre.get("lat") is not None else None,
                longitude=float(centre["lon"]) if centre.get("lon") is not None else None,
                url=f"{list_url}?kreis={kreis['slug']}",
                kreis_name=kreis["name"], kreis_slug=kreis["slug"],
                regierungsbezirk_name=kreis["regierungsbezirk__name"], kreisweit=True,
            )
        )
    return result


def group_by_region(places: list[PlaceCount]) -> list[RegierungsbezirkGroup]:
    """The text alternative of the map: Regierungsbezirk → Kreis → places, alphabetically."""
    tree: dict[str, dict[tuple[str, str], list[PlaceCount]]] = defaultdict(lambda: defaultdict(list))
    for place in places:
        tree[place.regierungsbezirk_name][(place.kreis_name, place.kreis_slug)].append(place)
    groups = []
    for rb_name in sorted(tree):
        rb = RegierungsbezirkGroup(name=rb_name)
        for (kreis_name, kreis_slug) in sorted(tree[rb_name]):
            members = sorted(tree[rb_name][(kreis_name, kreis_slug)], key=lambda p: (not p.kreisweit, p.name))
            rb.kreise.append(KreisGroup(name=kreis_name, slug=kreis_slug, places=members))
        groups.append(rb)
    return groups
