"""managers.selectors: the value queries behind the map, the GeoJSON and the directory give what the
straightforward ORM queries give (public profiles only), in fewer queries."""

from collections import Counter
from statistics import mean

import pytest
from django.db.models import Q

from managers import selectors
from managers.models import FamilyManager, Kreis, Municipality

pytestmark = pytest.mark.django_db


def _public():
    return FamilyManager.objects.public()


def test_municipality_rows_count_public_profiles_per_municipality(django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = selectors.public_municipality_rows()
    expected = Counter(_public().filter(municipalities__isnull=False).values_list("municipalities__ags", flat=True))
    assert {row[0]: row[-1] for row in rows} == dict(expected)
    assert [row[1] for row in rows] == sorted(row[1] for row in rows)
    bochum = next(dict(zip(selectors.MUNICIPALITY_ROW, row, strict=True)) for row in rows if row[0] == "05911000")
    assert bochum["count"] == 3 and bochum["kreis__name"] == "Bochum" and bochum["kreis__regierungsbezirk__name"]


def test_kreisweit_places_sit_at_the_mean_point_of_their_kreis(django_assert_num_queries):
    with django_assert_num_queries(1):
        places = selectors.public_counts_kreisweit("/familienmanager/")
    expected = Counter(_public().filter(kreis__isnull=False).values_list("kreis__slug", flat=True))
    assert {p.slug: p.count for p in places} == dict(expected)
    unna = next(p for p in places if p.slug == "kreis-unna")
    municipalities = Municipality.objects.filter(kreis__slug="kreis-unna")
    assert unna.latitude == pytest.approx(mean(float(m.latitude) for m in municipalities))
    assert unna.longitude == pytest.approx(mean(float(m.longitude) for m in municipalities))
    assert unna.kreisweit and unna.url == "/familienmanager/?kreis=kreis-unna"
    assert "hochsauerlandkreis" not in {p.slug for p in places}, "its only kreisweit profile is hidden"


def test_marker_points_are_the_maps_places_in_the_same_order(django_assert_num_queries):
    places = selectors.public_counts_by_municipality() + selectors.public_counts_kreisweit("/familienmanager/")
    with django_assert_num_queries(2):
        points = selectors.public_marker_points()
    assert points == [(p.latitude, p.longitude, p.count) for p in places]


def _directory_before(**filters):
    """The directory's filters as joins + DISTINCT (how they were written before the subqueries)."""
    profiles = _public()
    if rb := filters.get("regierungsbezirk"):
        profiles = profiles.filter(
            Q(municipalities__kreis__regierungsbezirk__slug=rb) | Q(kreis__regierungsbezirk__slug=rb)
        )
    if kreis := filters.get("kreis"):
        profiles = profiles.filter(Q(municipalities__kreis__slug=kreis) | Q(kreis__slug=kreis))
    if kommune := filters.get("kommune"):
        municipality = Municipality.objects.get(slug=kommune)
        profiles = profiles.filter(Q(municipalities=municipality) | Q(kreis_id=municipality.kreis_id))
    if q := filters.get("q"):
        profiles = profiles.filter(
            Q(name__icontains=q) | Q(role__icontains=q) | Q(focus__icontains=q) | Q(organisation__name__icontains=q)
            | Q(municipalities__name__icontains=q) | Q(kreis__name__icontains=q)
        )
    return list(profiles.distinct().order_by("name", "pk").values_list("slug", flat=True))


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"regierungsbezirk": "arnsberg"},
        {"regierungsbezirk": "detmold", "q": "a"},
        {"kreis": "bochum"},
        {"kreis": "kreis-unna"},
        {"kommune": "unna"},
        {"kommune": "bochum", "q": "Bochum"},
        {"q": "Münster"},
        {"q": "kreis"},
        {"q": "Familienbüro"},
    ],
)
def test_directory_filters_find_each_profile_once(filters):
    from tests.managers.factories import FamilyManagerFactory

    # A profile active in two municipalities of the same Kreis and Regierungsbezirk: joins would list it twice.
    unna = Municipality.objects.filter(kreis__slug="kreis-unna")
    FamilyManagerFactory(name="Zwei Orte", municipalities=list(unna[:2]))
    found = list(selectors.filter_directory(_public(), **filters).values_list("slug", flat=True))
    assert found == _directory_before(**filters)
    assert len(found) == len(set(found))


def test_directory_choices_offer_places_with_public_profiles_only(django_assert_num_queries):
    with django_assert_num_queries(2):
        regions, kreise, municipalities = selectors.directory_choices()
    assert [name for _slug, name in regions] == ["Arnsberg", "Detmold", "Düsseldorf", "Köln", "Münster"]
    assert kreise == list(Kreis.objects.order_by("name").values_list("slug", "name"))
    public = _public()
    expected = Municipality.objects.filter(
        Q(family_managers__in=public) | Q(kreis__family_managers__in=public)
    ).distinct().order_by("name").values_list("slug", "name")
    assert municipalities == list(expected)
    slugs = {slug for slug, _name in municipalities}
    assert {"bochum", "unna", "kamen"} <= slugs, "Kamen: through the kreisweit profile of Kreis Unna"
    assert "hallenberg" not in slugs


def test_profile_cards_carry_their_municipalities_by_name(django_assert_num_queries):
    rows = list(selectors.card_rows(_public().filter(slug__in=["berta-beispiel", "ulla-unnabeispiel"])))
    with django_assert_num_queries(1):
        cards = selectors.profile_cards(rows)
    by_slug = {card.slug: card for card in cards}
    berta = FamilyManager.objects.get(slug="berta-beispiel")
    assert by_slug["berta-beispiel"].municipalities == [
        (m.get_absolute_url(), m.name) for m in berta.municipalities.order_by("name")
    ]
    assert by_slug["berta-beispiel"].name == berta.name
    assert by_slug["berta-beispiel"].url == berta.get_absolute_url()
    assert by_slug["ulla-unnabeispiel"].kreis_name == "Kreis Unna"
    with django_assert_num_queries(0):
        assert selectors.profile_cards([]) == []
