"""What the Familienmanager pages keep in the fragment cache (managers/caching.py): the map, each profile's
article and the directory's choices. Cached for visitors, exactly what a full render gives, and a saved
change shows on the next request; editors always get a fresh render."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from managers.models import FamilyManager, Municipality

pytestmark = pytest.mark.django_db


def _get(client, url) -> tuple[int, str]:
    """Queries and HTML; django CMS's own queries (page, placeholders, menu) are left out of the count:
    the shell's fragments (familie_portal) save some of them too, which is not what these tests measure."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    own = [query for query in queries.captured_queries if not any(
        table in query["sql"] for table in ('"cms_', '"menus_'))]
    return len(own), response.content.decode()


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


@pytest.mark.parametrize(
    ("url", "saved_queries"),
    [
        ("/familienmanager/karte/", 2),  # places by municipality, kreisweit places
        ("/en/family-managers/karte/", 2),
        ("/familienmanager/profil/berta-beispiel/", 2),  # its places, its photo's thumbnail
        ("/en/family-managers/profil/berta-beispiel/", 2),
        ("/familienmanager/?kreis=bochum", 4),  # the filters' choices (2), the count, the cards' places
    ],
)
def test_cached_fragments_are_what_a_full_render_gives(client, pages_uncached, settings, url, saved_queries):
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    client.get(url)  # django CMS's own caches (menu, placeholders) for this page
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 300
    client.get("/en/qualification/" if url.startswith("/en/") else "/qualifizierung/")  # the sidebar's fragment
    first_count, first = _get(client, url)
    second_count, second = _get(client, url)
    assert first_count - second_count == saved_queries
    assert second == first
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    assert _get(client, url)[1] == first


def test_the_map_shows_a_saved_change_at_once(client, pages_uncached):
    url = reverse("managers:map")
    html = _main(client.get(url).content.decode())
    assert 'aria-label="Gelsenkirchen: 2 Familienmanager"' in html
    for profile in FamilyManager.objects.filter(slug__in=["gerda-exempel", "gustav-probe"]):
        profile.consent_to_publication = False
        profile.save()
    html = _main(client.get(url).content.decode())
    assert "Gelsenkirchen: " not in html and ">Gelsenkirchen</a>" not in html


def test_the_map_shows_a_new_place_at_once(client, pages_uncached):
    from .factories import FamilyManagerFactory

    url = reverse("managers:map")
    hallenberg = Municipality.objects.get(slug="hallenberg")
    assert "Hallenberg" not in _main(client.get(url).content.decode())
    FamilyManagerFactory(municipalities=[hallenberg])  # saved, then its places set: both bump the generation
    html = _main(client.get(url).content.decode())
    assert 'aria-label="Hallenberg: 1 Familienmanager"' in html
    assert '<a href="/familienmanager/kommune/hallenberg/">Hallenberg</a></td><td>1</td>' in html


def test_a_saved_profile_shows_at_once(client, pages_uncached):
    profile = FamilyManager.objects.get(slug="berta-beispiel")
    url = profile.get_absolute_url()
    assert "Leitung Familienbüro Neu" not in client.get(url).content.decode()
    profile.role = "Leitung Familienbüro Neu"
    profile.save()
    assert "Leitung Familienbüro Neu" in client.get(url).content.decode()


def test_a_renamed_municipality_shows_in_the_cached_profile_at_once(client, pages_uncached):
    url = reverse("managers:detail", kwargs={"slug": "berta-beispiel"})
    client.get(url)
    bochum = Municipality.objects.get(slug="bochum")
    bochum.name = "Bochum (Ruhr)"
    bochum.save()
    assert ">Bochum (Ruhr)</a>" in client.get(url).content.decode()


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


def test_editors_get_a_fresh_render(iqz_client, pages_uncached):
    """A change without save() (no new generation) stays invisible to visitors until the next save, but
    editors never see the cached fragments."""
    anonymous = Client()
    profile_url = reverse("managers:detail", kwargs={"slug": "berta-beispiel"})
    for url in (reverse("managers:map"), profile_url, reverse("managers:list")):
        iqz_client.get(url)  # an editor's first requests save their toolbar settings: a new generation
    for url in (reverse("managers:map"), profile_url, reverse("managers:list")):
        anonymous.get(url)
    FamilyManager.objects.filter(slug="berta-beispiel").update(role="Ohne Signal geändert")
    Municipality.objects.filter(slug="hallenberg").update(name="Hallenberg-ohne-Signal")
    FamilyManager.objects.filter(slug="horst-hochsauerprobe").update(
        status=FamilyManager.Status.PUBLISHED, consent_to_publication=True
    )
    assert "Ohne Signal geändert" not in anonymous.get(profile_url).content.decode()
    assert "Ohne Signal geändert" in iqz_client.get(profile_url).content.decode()
    assert "Hochsauerlandkreis (kreisweit)" not in anonymous.get(reverse("managers:map")).content.decode()
    assert "Hochsauerlandkreis (kreisweit)" in iqz_client.get(reverse("managers:map")).content.decode()
    assert "Hallenberg-ohne-Signal" not in anonymous.get(reverse("managers:list")).content.decode()
    assert "Hallenberg-ohne-Signal" in iqz_client.get(reverse("managers:list")).content.decode()


def test_directory_cards_are_cached_per_profile_and_follow_a_save(client, pages_uncached):
    url = "/familienmanager/?kreis=bochum"
    first_count, first = _get(client, url)
    second_count, second = _get(client, url)
    assert second == first and second_count < first_count, "cards, count and filter come from the cache"
    profile = FamilyManager.objects.public().get(slug="berta-beispiel")
    profile.role = "Familienbüro, Leitung Seidenreiher"
    profile.save()
    assert "Familienbüro, Leitung Seidenreiher" in _main(client.get(url).content.decode())
    place = profile.municipalities.first()
    place.name = f"{place.name} Seidenreiher"
    place.save()
    assert f"{place.name}</a>" in _main(client.get(url).content.decode())
    pages_uncached.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    assert _main(client.get(url).content.decode()) == _main(_get(client, url)[1])
