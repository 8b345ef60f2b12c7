"""Visitors find every city: "Kommunen" lists the municipalities with a public page (A–Z, by Kreis, with a
filter), the home page links it, and a city page links its events, Familienmanager and workshop reports."""

import re

import pytest
from cms.api import create_page
from cms.models import Page, PageContent
from django.db import connection
from django.test.utils import CaptureQueriesContext
from djangocms_versioning.models import Version

from familie_portal import onboarding
from familie_portal.onboarding import publish
from managers.models import Municipality
from managers.municipality_pages import page_reverse_id

pytestmark = pytest.mark.django_db

URL = "/kommunen/"


def listed(html: str) -> list[str]:
    """The municipalities the list links, in the order shown."""
    lists = re.findall(r'<ul class="municipality-list">(.*?)</ul>', html, flags=re.DOTALL)
    return [name for block in lists for name in re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', block)]


def kreis_headings(html: str) -> list[str]:
    return re.findall(r'<h3 id="kreis-[^"]+">([^<]+)</h3>', html)


def add_page(municipality: Municipality, user, *, languages=("de",)) -> Page:
    """A municipality's page under "Kommunen" as the onboarding names it (published in `languages`),
    without the onboarding's folders and permissions: quick enough to add forty."""
    parent = Page.objects.get(reverse_id=onboarding.MUNICIPALITIES_PAGE)
    page = create_page(municipality.name, "pages/content.html", languages[0], slug=municipality.slug, parent=parent,
                       reverse_id=page_reverse_id(municipality.slug), created_by=user)
    for language in languages:
        publish(PageContent.admin_manager.get(page=page, language=language), user)
    return page


def withdraw(page: Page, user) -> None:
    for content in PageContent.admin_manager.filter(page=page).current_content():
        version = Version.objects.get_for_content(content)
        if version.state == "published":
            version.unpublish(user)


# --- "Kommunen" ------------------------------------------------------------------------------------

def test_kommunen_lists_bochum_and_gelsenkirchen_linked_to_their_pages(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == ["Bochum", "Gelsenkirchen"]
    assert '<a href="/kommunen/bochum/">Bochum</a>' in html
    assert '<a href="/kommunen/gelsenkirchen/">Gelsenkirchen</a>' in html
    assert "Kommunen in Nordrhein-Westfalen stellen hier vor" in html, "the page's own text stays above the list"
    assert client.get("/kommunen/bochum/").status_code == 200, "the city pages stay subpages of the list"


def test_grouped_by_kreis_and_a_to_z(client, user_by_name):
    admin = user_by_name("admin")
    for slug in ("unna", "bergkamen", "aachen", "selm"):
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is not None:
            add_page(municipality, admin)
    html = client.get(URL).content.decode()
    headings = kreis_headings(html)
    # Kreise A–Z (an umlaut sorts with its letter); each Kreis's municipalities A–Z.
    assert headings == sorted(headings, key=lambda name: name.replace("Ä", "A").replace("Ö", "O").replace("Ü", "U"))
    assert "Kreis Unna" in headings and "Bochum" in headings and "Städteregion Aachen" in headings
    unna = html.split('id="kreis-kreis-unna"', 1)[1].split("</section>", 1)[0]
    assert listed(unna) == ["Bergkamen", "Selm", "Unna"]
    assert '<p class="meta">Kreis · Regierungsbezirk Arnsberg</p>' in unna
    assert '<p class="meta">kreisfreie Stadt · Regierungsbezirk Arnsberg</p>' in html.split('id="kreis-bochum"', 1)[1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "gelsen"}, ["Gelsenkirchen"]),
        ({"q": "BOCH"}, ["Bochum"]),
        ({"regierungsbezirk": "arnsberg"}, ["Bochum"]),
        ({"regierungsbezirk": "muenster"}, ["Gelsenkirchen"]),
        ({"kreis": "gelsenkirchen"}, ["Gelsenkirchen"]),
        ({"kreis": "bochum", "regierungsbezirk": "muenster"}, []),
        ({"q": "nirgendwo"}, []),
    ],
)
def test_filter(client, query, expected):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == expected
    assert f"{len(expected)} von 2 Kommunen" in html
    if not expected:
        assert "Für diese Auswahl gibt es keine Kommune mit eigener Seite." in html
    assert '<a class="button button--secondary" href="/kommunen/">Alle zeigen</a>' in html


def test_filter_offers_only_regions_and_kreise_with_listed_municipalities(client):
    html = client.get(URL).content.decode()
    assert '<option value="arnsberg">Arnsberg</option>' in html
    assert '<option value="gelsenkirchen">Gelsenkirchen</option>' in html
    assert 'value="detmold"' not in html and 'value="kreis-unna"' not in html
    assert '<label for="id_q">Name der Kommune</label>' in html
    assert 'method="get" role="search"' in html


@pytest.mark.parametrize(
    "query",
    [{"kreis": "atlantis"}, {"regierungsbezirk": "999"}, {"q": "x" * 101}, {"kreis": "kreis-unna"},
     {"regierungsbezirk": ["arnsberg", "<script>"]}],
)
def test_bad_filter_values_answer_200_with_a_message(client, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diese Auswahl kennen wir nicht." in html
    assert listed(html) == []
    assert 'class="errorlist" id="id_' in html, "the field says what is wrong"
    assert "<script>" not in html.split("<main", 1)[1]


def test_text_filter_is_escaped_and_harmless(client):
    response = client.get(URL, {"q": '<b>"Boch'})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == []
    assert "&lt;b&gt;&quot;Boch" in html and '<b>"Boch' not in html


def test_municipality_without_a_published_page_is_not_listed(client, user_by_name):
    herne = Municipality.objects.get(slug="herne")
    page = create_page(herne.name, "pages/content.html", "de", slug=herne.slug,
                       parent=Page.objects.get(reverse_id="kommunen"), reverse_id=page_reverse_id("herne"),
                       created_by=user_by_name("admin"))  # a draft: not published
    assert "Herne" not in listed(client.get(URL).content.decode())
    publish(PageContent.admin_manager.get(page=page, language="de"), user_by_name("admin"))
    assert listed(client.get(URL).content.decode()) == ["Bochum", "Gelsenkirchen", "Herne"]


def test_a_newly_onboarded_municipality_is_listed(client, user_by_name):
    onboarding.municipality_onboard(municipality=Municipality.objects.get(slug="herne"), user=user_by_name("admin"))
    html = client.get(URL).content.decode()
    assert listed(html) == ["Bochum", "Gelsenkirchen", "Herne"]
    assert '<a href="/kommunen/herne/">Herne</a>' in html


def test_a_withdrawn_page_disappears_at_once(client, user_by_name, portal_caches):
    assert "Bochum" in listed(client.get(URL).content.decode())  # cached for visitors from here on
    withdraw(Page.objects.get(reverse_id="kommune-bochum"), user_by_name("admin"))
    assert listed(client.get(URL).content.decode()) == ["Gelsenkirchen"]
    assert client.get("/kommunen/bochum/").status_code == 404


def test_the_onboarding_attaches_the_list_to_kommunen_again(client):
    page = Page.objects.get(reverse_id="kommunen")
    assert page.application_urls == "MunicipalitiesApphook"
    Page.objects.filter(pk=page.pk).update(application_urls="", application_namespace=None)
    onboarding.portal_setup()  # runs after every migrate
    page.refresh_from_db()
    assert (page.application_urls, page.application_namespace) == ("MunicipalitiesApphook", "municipalities")


@pytest.mark.parametrize(("language", "path"), [("en", "/en/municipalities/"), ("tr", "/tr/kommunen/"),
                                                ("uk", "/uk/kommunen/"), ("ar", "/ar/kommunen/")])
def test_kommunen_in_every_language(client, language, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    if language == "ar":
        assert 'dir="rtl"' in html.split(">", 2)[1]
    assert listed(html) == ["Bochum", "Gelsenkirchen"]
    bochum = re.search(r'<a href="([^"]+)">Bochum</a>', html).group(1)
    assert bochum.startswith(f"/{language}/")
    assert client.get(bochum).status_code == 200


def test_queries_are_constant_in_the_number_of_municipalities(client, user_by_name, uncached,
                                                              django_assert_max_num_queries):
    client.get(URL)  # django CMS's menu and apphook caches warm, as on a running site (26 queries, 3 of them the list)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    with django_assert_max_num_queries(28):
        small = client.get(URL)
    assert len(listed(small.content.decode())) == 2
    before = count()
    admin = user_by_name("admin")
    for municipality in Municipality.objects.exclude(slug__in=["bochum", "gelsenkirchen"]).order_by("ags")[:38]:
        add_page(municipality, admin)
    client.get(URL)
    with django_assert_max_num_queries(28):
        large = client.get(URL)
    assert len(listed(large.content.decode())) == 40
    assert count() == before


# --- the home page ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "text"), [("/", "Alle Kommunen"), ("/en/", "All municipalities")])
def test_home_links_kommunen(client, path, text):
    html = client.get(path).content.decode()
    kommunen = "/kommunen/" if path == "/" else "/en/municipalities/"
    assert f'<a class="more-link" href="{kommunen}">{text}</a>' in html
    assert 'aria-labelledby="home-kommunen"' in html


# --- a city page -----------------------------------------------------------------------------------

def test_city_page_links_its_lists_filtered_to_the_city(client):
    html = client.get("/kommunen/bochum/").content.decode()
    links = dict(re.findall(r'<a class="more-link" href="([^"]+)">([^<]+in Bochum)</a>', html))
    assert links == {
        "/veranstaltungen/?municipality=bochum": "Veranstaltungen in Bochum",
        "/familienmanager/?kommune=bochum": "Familienmanagerinnen und -manager in Bochum",
        "/werkstattreihe/?city=bochum": "Berichte aus der Werkstattreihe in Bochum",
    }
    assert '<h2 id="city-links-heading">Bochum im Familienportal</h2>' in html
    # Each list then shows the city's items, and not another city's.
    events = client.get("/veranstaltungen/?municipality=bochum").content.decode()
    assert "Familientag im Rathaus" in events
    assert "Diese Filterangaben können wir nicht verwenden" not in events
    profiles = client.get("/familienmanager/?kommune=bochum").content.decode()
    assert "Berta Beispiel" in profiles and "Gerda Exempel" not in profiles
    reports = client.get("/werkstattreihe/?city=bochum").content.decode()
    assert "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus" in reports


def test_city_page_says_where_a_list_has_nothing_yet(client, user_by_name):
    onboarding.municipality_onboard(municipality=Municipality.objects.get(slug="selm"), user=user_by_name("admin"))
    html = client.get("/kommunen/selm/").content.decode()
    assert "Für Selm sind noch keine Veranstaltungen eingetragen." in html
    assert "Aus Selm gibt es noch keine Berichte der Werkstattreihe." in html
    assert "?city=selm" not in html and "?municipality=selm" not in html


@pytest.mark.parametrize("language", ["en", "tr", "uk", "ar"])
def test_city_page_links_in_every_language(client, language):
    prefix = "/en/municipalities/bochum/" if language == "en" else f"/{language}/kommunen/bochum/"
    html = client.get(prefix).content.decode()
    assert f'href="/{language}/' in html.split('id="city-links-heading"', 1)[1].split("</section>", 1)[0]
    assert "municipality=bochum" in html and "kommune=bochum" in html and "city=bochum" in html


def test_other_pages_have_no_city_links(client, django_assert_max_num_queries):
    assert 'id="city-links-heading"' not in client.get("/qualifizierung/").content.decode()
