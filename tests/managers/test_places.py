"""The shipped places data: all of NRW, matched by official keys, loaded idempotently."""

import pytest

from managers.models import Kreis, Municipality, Regierungsbezirk
from managers.places import load_places

pytestmark = pytest.mark.django_db


def test_all_municipalities_kreise_and_regierungsbezirke_are_loaded():
    assert Municipality.objects.count() == 396
    assert Kreis.objects.count() == 53
    assert Kreis.objects.filter(is_kreisfreie_stadt=True).count() == 22
    assert Kreis.objects.filter(is_kreisfreie_stadt=False).count() == 31
    assert sorted(Regierungsbezirk.objects.values_list("key", "name")) == [
        ("051", "Düsseldorf"), ("053", "Köln"), ("055", "Münster"), ("057", "Detmold"), ("059", "Arnsberg"),
    ]


def test_every_municipality_has_ags_kreis_and_coordinates_inside_nrw():
    for ags, kreis_key, lat, lon in Municipality.objects.values_list("ags", "kreis__key", "latitude", "longitude"):
        assert len(ags) == 8 and ags.startswith("05") and ags[:5] == kreis_key
        assert 50.3 < lat < 52.6 and 5.8 < lon < 9.5


def test_foundation_rows_are_updated_in_place_not_duplicated():
    bochum = Municipality.objects.get(ags="05911000")
    assert bochum.slug == "bochum" and bochum.name == "Bochum"
    assert bochum.kreis.key == "05911" and bochum.kreis.regierungsbezirk.key == "059"
    assert Municipality.objects.filter(name="Bochum").count() == 1
    assert Municipality.objects.get(ags="05513000").kreis.regierungsbezirk.name == "Münster"


def test_loading_again_changes_nothing():
    counts = load_places()
    assert counts["created"] == 0 and counts["updated"] == 0
    assert counts["municipalities"] == 396


def test_loader_repairs_changed_rows_by_key():
    Municipality.objects.filter(ags="05913000").update(name="Falsch", latitude=0)
    counts = load_places()
    assert counts["updated"] == 1
    dortmund = Municipality.objects.get(ags="05913000")
    assert dortmund.name == "Dortmund" and float(dortmund.latitude) == pytest.approx(51.514171)


def test_slugs_are_unique_and_transliterated():
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert Municipality.objects.get(ags="05117000").slug == "muelheim-an-der-ruhr"
    assert Kreis.objects.get(key="05970").name == "Kreis Siegen-Wittgenstein"
