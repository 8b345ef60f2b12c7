"""managers.rendering: the map's markers and rows, the profile cards and the filter <select>s in Python,
escaped exactly as the templates did."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy, override

from familie_portal.forms import FlatSelect, PlainChoices, flat_select
from managers import rendering, svgmap
from managers.selectors import KreisGroup, PlaceCount, ProfileCard, RegierungsbezirkGroup

EVIL = '<script>alert("x")</script> & \'Co\''
EVIL_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;"


def _place(name="Bochum", count=3, kreisweit=False, url="/familienmanager/kommune/bochum/"):
    return PlaceCount(
        name=name, slug="s", count=count, latitude=51.48, longitude=7.22, url=url, kreis_name=name,
        kreis_slug="k", regierungsbezirk_name="Arnsberg", kreisweit=kreisweit,
    )


# --- the filter <select> --------------------------------------------------------------------------

CHOICES = [("", gettext_lazy("alle")), ("bochum", "Bochum"), ("a&b", EVIL), ("muenster", "Münster")]


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {"id": "id_kreis"}),
        ("", {"id": "id_kreis"}),
        ("a&b", {"id": "id_kreis"}),
        ("gibt-es-nicht", {"aria-invalid": "true", "aria-describedby": "id_kreis_error", "id": "id_kreis"}),
        ("bochum", {"id": 'x"y', "required": True, "disabled": False, "data-n": 2}),
    ],
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_plain_select_renders_what_djangos_templates_render(value, attrs, language):
    with override(language):
        expected = forms.Select(choices=CHOICES).render("kreis", value, attrs, renderer=DjangoTemplates())
        assert FlatSelect(choices=PlainChoices(CHOICES)).render("kreis", value, attrs) == expected


def test_plain_select_selects_only_the_first_match():
    html = flat_select("x", {}, [("a", "A"), ("a", "A again")], ["a"])
    assert html.count(" selected") == 1 and '<option value="a" selected>A</option>' in html


def test_plain_choices_keep_their_pairs_as_given():
    field = forms.ChoiceField(required=False)
    field.choices = PlainChoices([("", "alle"), ("bochum", "Bochum")])
    assert list(field.choices) == [("", "alle"), ("bochum", "Bochum")]
    assert field.valid_value("bochum") and not field.valid_value("atlantis")


# --- the map --------------------------------------------------------------------------------------

def test_count_label_in_both_languages_and_for_kreisweit_places():
    with override("de"):
        label = rendering.count_label()
        assert label(_place(count=1)) == "Bochum: 1 Familienmanager"
        assert label(_place(count=3)) == "Bochum: 3 Familienmanager"
        assert label(_place("Kreis Unna", 1, kreisweit=True)) == "Kreis Unna (kreisweit): 1 Familienmanager"
    with override("en"):
        label = rendering.count_label()
        assert label(_place(count=1)) == "Bochum: 1 family manager"
        assert label(_place(count=2)) == "Bochum: 2 family managers"
        assert label(_place("Kreis Unna", 1, kreisweit=True)) == "Kreis Unna (district-wide): 1 family manager"


def test_map_markers_are_named_links_circles_for_places_squares_for_kreise():
    places = [_place(count=1), _place("Kreis Unna", 4, kreisweit=True, url="/familienmanager/?kreis=kreis-unna")]
    markers = svgmap.markers(places)
    assert [m.place.name for m in markers] == ["Kreis Unna", "Bochum"], "large markers first"
    with override("de"):
        html = rendering.map_markers(markers)
    big, small = markers
    assert (
        '<a class="nrw-map__marker" href="/familienmanager/kommune/bochum/" aria-label="Bochum: 1 Familienmanager">'
        f'<title>Bochum: 1 Familienmanager</title><circle cx="{small.x:.1f}" cy="{small.y:.1f}" r="5.0"/></a>'
    ) in html
    size = f"{2 * big.r:.1f}"
    assert (
        '<a class="nrw-map__marker nrw-map__marker--kreis" href="/familienmanager/?kreis=kreis-unna" '
        'aria-label="Kreis Unna (kreisweit): 4 Familienmanager">'
        "<title>Kreis Unna (kreisweit): 4 Familienmanager</title>"
        f'<rect x="{big.x - big.r:.1f}" y="{big.y - big.r:.1f}" width="{size}" height="{size}"/></a>'
    ) in html


def test_map_markers_escape_names_and_urls():
    html = rendering.map_markers(svgmap.markers([_place(EVIL, url='/x/?a=1&b="2"')]))
    assert "<script>" not in html
    assert f'aria-label="{EVIL_ESCAPED}: 3 Familienmanager"' in html
    assert 'href="/x/?a=1&amp;b=&quot;2&quot;"' in html


def test_places_without_coordinates_get_no_marker():
    place = _place()
    place.latitude = None
    assert svgmap.markers([place]) == []
    assert svgmap.dots([(None, 7.2, 3), (51.4, None, 1)]) == []


def test_dots_are_the_markers_positions_without_links():
    places = [_place(count=1), _place("Dortmund", 5)]
    dots = svgmap.dots([(p.latitude, p.longitude, p.count) for p in places])
    assert [(d.x, d.y, d.r) for d in dots] == [(m.x, m.y, m.r) for m in svgmap.markers(places)]
    html = rendering.map_dots(dots)
    assert html.count('<circle class="nrw-map__dot" ') == 2 and "<a " not in html and "title" not in html


def test_region_rows_span_the_kreis_and_name_kreisweit_entries():
    region = RegierungsbezirkGroup(name="Arnsberg", kreise=[
        KreisGroup(name="Kreis Unna", slug="kreis-unna", places=[
            _place("Kreis Unna", 1, kreisweit=True, url="/familienmanager/?kreis=kreis-unna"),
            _place("Unna", 2, url="/familienmanager/kommune/unna/"),
        ]),
        KreisGroup(name=EVIL, slug="evil", places=[_place(EVIL, 1, url="/familienmanager/kommune/evil/")]),
    ])
    with override("de"):
        html = rendering.region_rows(region)
    assert html.splitlines() == [
        '<tr><th scope="row" rowspan="2">Kreis Unna</th>'
        '<td><a href="/familienmanager/?kreis=kreis-unna">kreisweit</a></td><td>1</td></tr>',
        '<tr><td><a href="/familienmanager/kommune/unna/">Unna</a></td><td>2</td></tr>',
        f'<tr><th scope="row" rowspan="1">{EVIL_ESCAPED}</th>'
        f'<td><a href="/familienmanager/kommune/evil/">{EVIL_ESCAPED}</a></td><td>1</td></tr>',
    ]
    with override("en"):
        assert ">district-wide</a>" in rendering.region_rows(region)


# --- profile cards ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_profile_cards_link_the_profile_and_its_places():
    cards = [
        ProfileCard(slug="berta-beispiel", name="Berta Beispiel", role="Familienbüro",
                    organisation_name="Stadt Bochum", kreis_name=None,
                    municipalities=[("bochum", "Bochum"), ("herne", "Herne")]),
        ProfileCard(slug="ulla", name="Ulla", role="", organisation_name=None, kreis_name="Kreis Unna"),
        ProfileCard(slug="o", name="O", role="", organisation_name="Stadt Unna", kreis_name="Kreis Unna",
                    municipalities=[("unna", "Unna")]),
        ProfileCard(slug="r", name="R", role="Leitung", organisation_name=None, kreis_name=None),
    ]
    with override("de"):
        html = rendering.profile_cards(cards)
    assert html.count('<li class="card manager-card">') == 4
    assert '<h2><a href="/familienmanager/profil/berta-beispiel/">Berta Beispiel</a></h2>' in html
    assert '<p class="meta">Familienbüro, Stadt Bochum</p>' in html
    assert ('<p>Aktiv in: <a href="/familienmanager/kommune/bochum/">Bochum</a>, '
            '<a href="/familienmanager/kommune/herne/">Herne</a></p>') in html
    assert "<p>Aktiv in: Kreis Unna (kreisweit)</p>" in html
    assert '<p class="meta">Stadt Unna</p>' in html
    assert '<a href="/familienmanager/kommune/unna/">Unna</a>, Kreis Unna (kreisweit)</p>' in html
    assert '<p class="meta">Leitung</p>' in html
    assert html.count('<p class="meta">') == 3, "no empty meta line"
    with override("en"):
        html = rendering.profile_cards(cards)
    assert '<a href="/en/family-managers/profil/berta-beispiel/">' in html
    assert "<p>Active in: Kreis Unna (district-wide)</p>" in html


@pytest.mark.django_db
def test_profile_cards_escape_every_value():
    html = rendering.profile_cards([
        ProfileCard(slug="x", name=EVIL, role=EVIL, organisation_name=EVIL, kreis_name=EVIL,
                    municipalities=[("y", EVIL)]),
    ])
    assert "<script>" not in html
    assert html.count(EVIL_ESCAPED) == 5
