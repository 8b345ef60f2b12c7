"""Reads about places, who may edit them, and where Familienmanager are active (public data only).

The map, its GeoJSON and the directory read these on every uncached request, so they ask the
database for plain values (no model instances) in as few queries as possible.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse

from managers.models import FamilyManager, Kreis, Municipality

SLUG_PLACEHOLDER = "__slug__"


def municipality_for_user(user) -> Municipality | None:
    """The municipality a Kommunale Redaktion member edits for, or None (IQZ, superusers, others)."""
    if not user.is_authenticated:
        return None
    editor = getattr(user, "municipal_editor", None)
    return editor.municipality if editor else None


def profiles_editable_by(user, queryset=None):
    """The profiles a staff user may change: all for the IQZ and superusers, those active in their own
    municipality for the Kommunale Redaktion (the admin's rule, managers.admin.Scope), none otherwise."""
    from familie_portal.roles import IQZ_GROUP
    from managers.models import FamilyManager

    queryset = FamilyManager.objects.all() if queryset is None else queryset
    if not (user.is_authenticated and user.is_staff and user.has_perm("managers.change_familymanager")):
        return queryset.none()
    municipality = municipality_for_user(user)
    if municipality is not None:
        return queryset.filter(municipalities=municipality)
    if user.is_superuser or user.groups.filter(name=IQZ_GROUP).exists():
        return queryset
    return queryset.none()


def url_template(viewname: str) -> str:
    """`viewname`'s URL with SLUG_PLACEHOLDER for its slug: one reverse() for a whole list of links
    (a few hundred reverses through the apphook cost ~10 ms a page). "" if the apphook is not attached."""
    try:
        return reverse(viewname, kwargs={"slug": SLUG_PLACEHOLDER})
    except NoReverseMatch:
        return ""


@dataclass(slots=True)
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


# The columns of public_municipality_rows(), in this order.
MUNICIPALITY_ROW = ("ags", "name", "slug", "latitude", "longitude", "kreis__name", "kreis__slug",
                    "kreis__regierungsbezirk__name", "count")


def public_municipality_rows() -> list[tuple]:
    """Municipalities with at least one public profile and how many, by name: tuples of MUNICIPALITY_ROW
    (one query). Grouped by the primary keys, so PostgreSQL hashes integers instead of sorting names; a
    profile appears once per municipality in the m2m table, so a plain COUNT is the number of profiles."""
    return list(
        Municipality.objects.filter(family_managers__in=FamilyManager.objects.public())
        .values("id", "kreis__id", "kreis__regierungsbezirk__id")
        .annotate(count=Count("family_managers"))
        .order_by("name")
        .values_list(*MUNICIPALITY_ROW)
    )


def _float(value) -> float | None:
    return None if value is None else float(value)


def public_counts_by_municipality() -> list[PlaceCount]:
    """public_municipality_rows() as PlaceCount items, with their page's URL."""
    template = url_template("managers:municipality")
    return [
        PlaceCount(
            ags=ags, name=name, slug=slug, count=count, latitude=_float(lat), longitude=_float(lon),
            url=template.replace(SLUG_PLACEHOLDER, slug), kreis_name=kreis_name, kreis_slug=kreis_slug,
            regierungsbezirk_name=rb_name,
        )
        for ags, name, slug, lat, lon, kreis_name, kreis_slug, rb_name, count in public_municipality_rows()
    ]


def _public_kreisweit():
    """Kreise with public profiles active across the whole Kreis: `count`, and `lat`/`lon`, the mean point
    of the Kreis's municipalities, by name."""
    centre = Municipality.objects.filter(kreis_id=OuterRef("pk")).order_by().values("kreis_id")
    return (
        Kreis.objects.filter(family_managers__in=FamilyManager.objects.public())
        .values("id", "regierungsbezirk__id")
        .annotate(
            count=Count("family_managers"),
            lat=Subquery(centre.annotate(mean=Avg("latitude")).values("mean")),
            lon=Subquery(centre.annotate(mean=Avg("longitude")).values("mean")),
        )
        .order_by("name")
    )


def public_counts_kreisweit(list_url: str) -> list[PlaceCount]:
    """The Kreise with kreisweit public profiles as PlaceCount items, linked to the filtered directory
    (one query)."""
    return [
        PlaceCount(
            name=name, slug=slug, count=count, latitude=_float(lat), longitude=_float(lon),
            url=f"{list_url}?kreis={slug}", kreis_name=name, kreis_slug=slug, regierungsbezirk_name=rb_name,
            kreisweit=True,
        )
        for name, slug, rb_name, count, lat, lon in _public_kreisweit().values_list(
            "name", "slug", "regierungsbezirk__name", "count", "lat", "lon"
        )
    ]


def public_marker_points() -> list[tuple[float | None, float | None, int]]:
    """(latitude, longitude, count) of the map's markers in the order of its places (municipalities, then
    kreisweit Kreise, each by name): all the small map of the sidebar shows (two narrow queries)."""
    municipalities = (
        Municipality.objects.filter(family_managers__in=FamilyManager.objects.public())
        .values("id")
        .annotate(count=Count("family_managers"))
        .order_by("name")
        .values_list("latitude", "longitude", "count")
    )
    kreise = _public_kreisweit().values_list("lat", "lon", "count")
    return [(_float(lat), _float(lon), count) for rows in (municipalities, kreise) for lat, lon, count in rows]


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


# --- the directory ------------------------------------------------------------------------------

def directory_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(slug, name) choices of the directory's filters: Regierungsbezirke, Kreise, and the municipalities
    someone is publicly active in, themselves or across their Kreis (two queries, no model instances)."""
    kreise = list(
        Kreis.objects.order_by("name").values_list("slug", "name", "regierungsbezirk__slug", "regierungsbezirk__name")
    )
    regions = sorted({(rb_slug, rb_name) for _slug, _name, rb_slug, rb_name in kreise}, key=lambda c: c[1])
    public = FamilyManager.objects.public()
    through = FamilyManager.municipalities.through
    municipalities = list(
        Municipality.objects.filter(
            Q(pk__in=through.objects.filter(familymanager__in=public).values("municipality_id"))
            | Q(kreis_id__in=public.filter(kreis__isnull=False).values("kreis_id"))
        )
        .order_by("name")
        .values_list("slug", "name")
    )
    return regions, [(slug, name) for slug, name, _rb_slug, _rb_name in kreise], municipalities


def filter_directory(profiles, *, regierungsbezirk: str = "", kreis: str = "", kommune: str = "", q: str = ""):
    """`profiles` narrowed by the directory's filters (slugs, search text). Conditions on the
    municipalities are subqueries, so no profile appears twice and no DISTINCT is needed."""
    through = FamilyManager.municipalities.through

    def active_in_municipalities(**lookups) -> Q:
        return Q(pk__in=through.objects.filter(**lookups).values("familymanager_id"))

    if regierungsbezirk:
        profiles = profiles.filter(
            active_in_municipalities(municipality__kreis__regierungsbezirk__slug=regierungsbezirk)
            | Q(kreis__regierungsbezirk__slug=regierungsbezirk)
        )
    if kreis:
        profiles = profiles.filter(active_in_municipalities(municipality__kreis__slug=kreis) | Q(kreis__slug=kreis))
    if kommune:
        profiles = profiles.filter(
            active_in_municipalities(municipality__slug=kommune)
            | Q(kreis_id__in=Municipality.objects.filter(slug=kommune).values("kreis_id"))
        )
    if q:
        profiles = profiles.filter(
            Q(name__icontains=q) | Q(role__icontains=q) | Q(focus__icontains=q)
            | Q(organisation__name__icontains=q) | active_in_municipalities(municipality__name__icontains=q)
            | Q(kreis__name__icontains=q)
        )
    return profiles


@dataclass(slots=True)
class ProfileCard:
    """What a profile's card in a list shows (templates/managers/includes/profile_card.html)."""

    slug: str
    name: str
    role: str
    organisation_name: str | None
    kreis_name: str | None
    url: str = ""
    municipalities: list[tuple[str, str]] = field(default_factory=list)  # (url, name)


CARD_FIELDS = ("pk", "slug", "name", "role", "organisation__name", "kreis__name")


def card_rows(profiles):
    """`profiles` as the values a card needs (paginate this; then profile_cards() on the page)."""
    return profiles.values_list(*CARD_FIELDS)


def profile_cards(rows) -> list[ProfileCard]:
    """Cards for a page of card_rows(), each with its address and its municipalities by name (one
    query; one reverse() per kind of link, not per link)."""
    profile_url = url_template("managers:detail")
    municipality_url = url_template("managers:municipality")
    cards = {
        pk: ProfileCard(
            slug=slug, name=name, role=role, organisation_name=org, kreis_name=kreis,
            url=profile_url.replace(SLUG_PLACEHOLDER, slug),
        )
        for pk, slug, name, role, org, kreis in rows
    }
    if cards:
        through = FamilyManager.municipalities.through
        for profile_id, slug, name in (
            through.objects.filter(familymanager_id__in=list(cards))
            .order_by("municipality__name")
            .values_list("familymanager_id", "municipality__slug", "municipality__name")
        ):
            cards[profile_id].municipalities.append((municipality_url.replace(SLUG_PLACEHOLDER, slug), name))
    return list(cards.values())
