"""Directory, profile pages, municipality pages, the map and its GeoJSON: public data only."""

import re

import pytest
from django.urls import reverse

from managers.models import FamilyManager, Municipality
from managers.sitemaps import FamilyManagerSitemap, ManagerMunicipalitySitemap

pytestmark = pytest.mark.django_db

HIDDEN = ["gisela-entwurf", "hanna-widerruf", "horst-hochsauerprobe"]  # draft / consent withdrawn / both


def test_demo_has_hidden_and_public_profiles_in_all_five_regierungsbezirke():
    public = FamilyManager.objects.public()
    assert 20 <= FamilyManager.objects.count() <= 40
    assert set(FamilyManager.objects.exclude(pk__in=public).values_list("slug", flat=True)) == set(HIDDEN)
    regions = set(public.values_list("municipalities__kreis__regierungsbezirk__key", flat=True)) - {None}
    assert regions == {"051", "053", "055", "057", "059"}
    assert public.values("municipalities").distinct().count() >= 15


def test_directory_lists_public_profiles_only(client):
    response = client.get(reverse("managers:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Berta Beispiel" in html and "Gerda Exempel" in html
    for slug in HIDDEN:
        assert FamilyManager.objects.get(slug=slug).name not in html
    assert 'href="/qualifizierung/"' in html  # the CMS page "Qualifizierung"


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ({"regierungsbezirk": "detmold"}, "Bianca Bielemuster", "Berta Beispiel"),
        ({"kreis": "bochum"}, "Bodo Muster", "Gerda Exempel"),
        ({"kreis": "kreis-unna"}, "Ulla Unnabeispiel", "Berta Beispiel"),
        ({"kommune": "unna"}, "Ulla Unnabeispiel", "Dirk Dortmuster"),  # kreisweit counts for its municipalities
        ({"kommune": "herne"}, "Birte Platzhalter", "Bodo Muster"),
        ({"q": "Münster"}, "Moritz Münstermuster", "Berta Beispiel"),
        ({"q": "Sozialplanung", "regierungsbezirk": "arnsberg"}, "Bodo Muster", "Klara Kasus"),
    ],
)
def test_directory_filters(client, query, present, absent):
    html = client.get(reverse("managers:list"), query).content.decode()
    assert present in html and absent not in html


@pytest.mark.parametrize("query", [{"kreis": "atlantis"}, {"regierungsbezirk": "999"}, {"kommune": "nirgendwo"}])
def test_unknown_filter_values_give_an_empty_result_with_a_message(client, query):
    response = client.get(reverse("managers:list"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diese Auswahl kennen wir nicht" in html
    assert "0 Profile gefunden" in html and "Berta Beispiel" not in html
    field = next(iter(query))
    assert f'aria-describedby="id_{field}_error"' in html, "the field points at its error"
    assert f'<p class="errorlist" id="id_{field}_error">' in html, "and the error exists"


def test_filter_for_a_municipality_without_public_profiles_is_unknown(client):
    # Hallenberg exists, but nobody is publicly active there: not a choice, so a friendly empty result.
    response = client.get(reverse("managers:list"), {"kommune": "hallenberg"})
    assert "Diese Auswahl kennen wir nicht" in response.content.decode()


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_invalid_page_numbers_are_404(client, page):
    assert client.get(reverse("managers:list"), {"page": page}).status_code == 404


def test_pagination_keeps_filters(client):
    from .factories import FamilyManagerFactory

    bochum = Municipality.objects.get(ags="05911000")
    FamilyManagerFactory.create_batch(25, municipalities=[bochum])
    html = client.get(reverse("managers:list"), {"kreis": "bochum"}).content.decode()
    assert "kreis=bochum&amp;page=2" in html


def test_profile_page_shows_only_opted_in_contact(client):
    profile = FamilyManager.objects.get(slug="berta-beispiel")
    profile.show_email, profile.show_phone, profile.show_address = True, False, False
    profile.save()
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "<h1>Berta Beispiel</h1>" in html
    assert profile.email in html and profile.phone not in html and "Musterstraße" not in html
    assert 'alt="Gezeichnetes Platzhalterbild mit den Initialen BB"' in html
    assert "IQZ-FM-2007-001" in html


@pytest.mark.parametrize("slug", HIDDEN + ["gibt-es-nicht"])
def test_hidden_or_unknown_profiles_are_404(client, slug):
    assert client.get(reverse("managers:detail", kwargs={"slug": slug})).status_code == 404


def test_municipality_page(client):
    response = client.get(reverse("managers:municipality", kwargs={"slug": "bochum"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Familienmanager in Bochum" in html
    assert all(name in html for name in ["Berta Beispiel", "Bodo Muster", "Birte Platzhalter"])
    assert "Hanna Widerruf" not in html
    assert Municipality.objects.get(ags="05911000").get_absolute_url() == "/familienmanager/kommune/bochum/"


def test_municipality_page_includes_kreisweit_profiles_and_hides_drafts(client):
    html = client.get(reverse("managers:municipality", kwargs={"slug": "unna"})).content.decode()
    assert "Ulla Unnabeispiel" in html
    html = client.get(reverse("managers:municipality", kwargs={"slug": "meschede"})).content.decode()
    assert "Horst Hochsauerprobe" not in html and "noch keine Familienmanagerin" in html


def test_unknown_municipality_is_404(client):
    assert client.get(reverse("managers:municipality", kwargs={"slug": "atlantis"})).status_code == 404


def test_map_has_accessible_links_and_a_text_alternative(client):
    response = client.get(reverse("managers:map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="nrw-map"' in html and 'class="nrw-map__land"' in html
    assert 'href="/familienmanager/kommune/bochum/" aria-label="Bochum: 3 Familienmanager"' in html
    assert 'aria-label="Gelsenkirchen: 2 Familienmanager"' in html  # Gisela Entwurf is a draft
    assert "Kreis Unna (kreisweit): 1 Familienmanager" in html
    assert "Hochsauerlandkreis" not in html  # only a hidden, kreisweit profile there
    # the same data as tables by Regierungsbezirk, with captions and header cells
    assert html.count("<caption>Regierungsbezirk") == 5
    assert '<th scope="row" rowspan="1">Bochum</th>' in html


def test_map_page_and_its_assets_reference_no_other_host(client):
    html = client.get(reverse("managers:map")).content.decode()
    urls = re.findall(r'(?:src|href|action)\s*=\s*"([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assets = re.findall(r'(?:src|href)\s*=\s*"(/static/[^"]+\.(?:css|js))"', html)
    assert assets, "the page links its own CSS"
    for asset in assets:
        body = b"".join(client.get(asset).streaming_content).decode()
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", body) + re.findall(r"@import\s+['\"]([^'\"]+)", body)
    external = [u for u in urls if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", u, re.I) and "testserver" not in u]
    assert external == []
    assert "<script" not in html.split("</footer>")[0] or 'src="/static/' in html


def test_geojson_has_counts_and_no_personal_data(client):
    response = client.get(reverse("managers:geojson"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert by_name["Bochum"]["properties"]["count"] == 3
    assert by_name["Bochum"]["properties"]["ags"] == "05911000"
    assert by_name["Bochum"]["geometry"]["type"] == "Point"
    text = response.content.decode()
    assert "@example.org" not in text and "Berta" not in text and "Hanna" not in text
    assert set(by_name) == set(
        Municipality.objects.filter(family_managers__in=FamilyManager.objects.public()).values_list("name", flat=True)
    )


def test_withdrawn_consent_disappears_from_map_and_geojson(client):
    FamilyManager.objects.filter(slug__in=["gerda-exempel", "gustav-probe"]).update(consent_to_publication=False)
    features = client.get(reverse("managers:geojson")).json()["features"]
    assert "Gelsenkirchen" not in {f["properties"]["name"] for f in features}
    assert "Gelsenkirchen: " not in client.get(reverse("managers:map")).content.decode()


def test_sitemaps_list_public_data_only():
    slugs = {p.slug for p in FamilyManagerSitemap().items()}
    assert "berta-beispiel" in slugs and not slugs & set(HIDDEN)
    assert "meschede" not in {m.slug for m in ManagerMunicipalitySitemap().items()}


def test_english_directory(client):
    response = client.get("/en/family-managers/")
    assert response.status_code == 200
    assert "Berta Beispiel" in response.content.decode()


def test_geojson_is_what_the_orm_gives_feature_by_feature(client):
    """Built from plain rows: the same features, values and order as a straightforward ORM query."""
    from django.db.models import Count

    rows = (
        Municipality.objects.filter(family_managers__in=FamilyManager.objects.public())
        .select_related("kreis__regierungsbezirk")
        .annotate(count=Count("family_managers", distinct=True))
        .order_by("name")
    )
    expected = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(m.longitude), float(m.latitude)]},
            "properties": {
                "ags": m.ags, "name": m.name, "kreis": m.kreis.name,
                "regierungsbezirk": m.kreis.regierungsbezirk.name, "count": m.count,
                "url": f"http://testserver{m.get_absolute_url()}",
            },
        }
        for m in rows
        if m.latitude is not None and m.longitude is not None
    ]
    response = client.get(reverse("managers:geojson"))
    assert response.json() == {"type": "FeatureCollection", "features": expected}
    assert response.content.decode().startswith('{"type": "FeatureCollection", "features": [{"type": "Feature", ')
    assert "Münster" in response.content.decode(), "UTF-8, not \\u escapes"
