"""What the Familienmanager pages keep for visitors (familie_portal.caching): the map page's SVG and
tables (a part) and the directory's filter choices (data). Served from the cache, exactly what a full
render gives, changed by the next save of the profiles or places behind them; editors always get a
fresh render."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from managers.models import FamilyManager, Municipality

pytestmark = pytest.mark.django_db


def _get(client, url, params=None) -> tuple[list[str], str]:
    """The SQL of the request and its HTML."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response.content.decode()


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def _reads_map_places(sql: list[str]) -> bool:
    """The map's query of places with their counts (the sidebar's small map reads only coordinates)."""
    return any('"managers_municipality"."ags"' in query for query in sql)


def _reads_choices(sql: list[str]) -> bool:
    """The directory choices' query of Kreise with their Regierungsbezirke."""
    return any('"managers_regierungsbezirk"."slug"' in query for query in sql)


@pytest.mark.parametrize("url", ["/familienmanager/karte/", "/en/family-managers/karte/"])
def test_the_map_part_is_what_a_full_render_gives(client, pages_uncached, url):
    first_sql, first = _get(client, url)
    second_sql, second = _get(client, url)
    assert _reads_map_places(first_sql) and not _reads_map_places(second_sql), "the part is read from the cache"
    assert _main(second) == _main(first)
    pages_uncached.PORTAL_CACHES = False
    assert _main(_get(client, url)[1]) == _main(first)


def test_the_map_part_changes_with_a_saved_profile(client, pages_uncached):
    url = reverse("managers:map")
    html = _main(client.get(url).content.decode())
    assert 'aria-label="Gelsenkirchen: 2 Familienmanager"' in html
    for profile in FamilyManager.objects.filter(slug__in=["gerda-exempel", "gustav-probe"]):
        profile.consent_to_publication = False
        profile.save()
    html = _main(client.get(url).content.decode())
    assert "Gelsenkirchen: " not in html and ">Gelsenkirchen</a>" not in html


def test_the_map_part_shows_a_new_place_at_once(client, pages_uncached):
    from .factories import FamilyManagerFactory

    url = reverse("managers:map")
    hallenberg = Municipality.objects.get(slug="hallenberg")
    assert "Hallenberg" not in _main(client.get(url).content.decode())
    FamilyManagerFactory(municipalities=[hallenberg])
    html = _main(client.get(url).content.decode())
    assert 'aria-label="Hallenberg: 1 Familienmanager"' in html
    assert '<a href="/familienmanager/kommune/hallenberg/">Hallenberg</a></td><td>1</td>' in html


def test_the_map_part_follows_a_renamed_place(client, pages_uncached):
    url = reverse("managers:map")
    client.get(url)
    bochum = Municipality.objects.get(slug="bochum")
    bochum.name = "Bochum (Ruhr)"
    bochum.save()
    html = _main(client.get(url).content.decode())
    assert 'aria-label="Bochum (Ruhr): 3 Familienmanager"' in html


def test_the_directory_choices_are_read_once(client, pages_uncached):
    url = reverse("managers:list")
    unna = Municipality.objects.select_related("kreis").get(slug="unna").kreis
    first_sql, _first = _get(client, url, {"kreis": "bochum"})
    second_sql, second = _get(client, url, {"kreis": unna.slug})
    assert _reads_choices(first_sql) and not _reads_choices(second_sql)
    assert f'<option value="{unna.slug}" selected>{unna.name}</option>' in second
    pages_uncached.PORTAL_CACHES = False
    assert _main(_get(client, url, {"kreis": unna.slug})[1]) == _main(second)


def test_the_directory_offers_a_new_municipality_at_once(client, pages_uncached):
    from .factories import FamilyManagerFactory

    url = reverse("managers:list")
    assert 'value="hallenberg"' not in client.get(url).content.decode()
    response = client.get(url, {"kommune": "hallenberg"})
    assert "Diese Auswahl kennen wir nicht" in response.content.decode()
    FamilyManagerFactory(name="Hanne Hallenberg", municipalities=[Municipality.objects.get(slug="hallenberg")])
    assert '<option value="hallenberg">Hallenberg</option>' in client.get(url).content.decode()
    html = client.get(url, {"kommune": "hallenberg"}).content.decode()
    assert "Diese Auswahl kennen wir nicht" not in html and "Hanne Hallenberg" in html
    assert '<option value="hallenberg" selected>Hallenberg</option>' in html


def test_the_directory_choices_follow_a_renamed_kreis(client, pages_uncached):
    url = reverse("managers:list")
    client.get(url)
    municipality = Municipality.objects.select_related("kreis").get(slug="unna")
    kreis = municipality.kreis
    kreis.name = "Kreis Unna (Westfalen)"
    kreis.save()
    assert f'<option value="{kreis.slug}">Kreis Unna (Westfalen)</option>' in client.get(url).content.decode()


def test_editors_get_a_fresh_render(iqz_client, pages_uncached):
    """A change the generation does not see (raw SQL) stays invisible to visitors while their part is
    cached; editors never get the cached parts."""
    anonymous = Client()
    url = reverse("managers:map")
    iqz_client.get(url)  # an editor's first request saves their toolbar settings: a new generation
    assert 'aria-label="Bochum: 3 Familienmanager"' in anonymous.get(url).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE managers_municipality SET name = %s WHERE slug = %s", ["Bochum-ohne-Signal", "bochum"])
    assert "Bochum-ohne-Signal" not in anonymous.get(url).content.decode()
    assert 'aria-label="Bochum-ohne-Signal: 3 Familienmanager"' in iqz_client.get(url).content.decode()


def _dots(html: str) -> int:
    start = html.index('class="nrw-map nrw-map--small"')
    return html[start:html.index("</svg>", start)].count('class="nrw-map__dot"')


def test_the_teasers_small_map_is_cached_and_follows_a_new_place(client, pages_uncached):
    from .factories import FamilyManagerFactory

    first_sql, first = _get(client, "/qualifizierung/")
    second_sql, second = _get(client, "/qualifizierung/")
    assert _dots(second) == _dots(first) > 0
    assert len(second_sql) < len(first_sql), "the small map's points are read once"
    FamilyManagerFactory(municipalities=[Municipality.objects.get(slug="hallenberg")])
    assert _dots(client.get("/qualifizierung/").content.decode()) == _dots(first) + 1


def test_the_geojson_is_kept_for_visitors_until_a_profile_changes(client, pages_uncached):
    url = reverse("managers:geojson")
    first_sql, first = _get(client, url)
    second_sql, second = _get(client, url)
    assert _reads_map_places(first_sql) and not _reads_map_places(second_sql), "the body is read from the cache"
    assert second == first and "Gelsenkirchen" in first
    pages_uncached.PORTAL_CACHES = False
    assert _get(client, url)[1] == first, "the kept body is what a full render gives"
    pages_uncached.PORTAL_CACHES = True
    # A bulk withdrawal of consent (a queryset update) starts a new generation: the next request reads anew.
    FamilyManager.objects.filter(slug__in=["gerda-exempel", "gustav-probe"]).update(consent_to_publication=False)
    assert "Gelsenkirchen" not in {f["properties"]["name"] for f in client.get(url).json()["features"]}


def test_the_geojson_links_follow_the_address_asked_for(client, pages_uncached):
    """The body holds absolute links: one kept per host, never another host's."""
    url = reverse("managers:geojson")
    local = client.get(url, headers={"host": "localhost"}).json()["features"][0]["properties"]["url"]
    other = client.get(url, headers={"host": "127.0.0.1"}).json()["features"][0]["properties"]["url"]
    assert local.startswith("http://localhost/") and other.startswith("http://127.0.0.1/")
