"""The page tree renders in the portal's layout, in German and English."""

import pytest

pytestmark = pytest.mark.django_db

NAV_DE = ["Startseite", "Werkstattreihe", "Veranstaltungen", "Familienmanager", "Qualifizierung", "Kommunen"]
NAV_EN = ["Home", "Workshop series", "Events", "Family managers", "Qualification", "Municipalities"]


def _main_nav(html: str) -> str:
    start = html.index('class="main-nav"')
    return html[start : html.index("</nav>", start)]


def test_home_renders_with_ministry_branding_and_navigation(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ministerium für Kinder, Familie, Flüchtlinge und Integration des Landes Nordrhein-Westfalen" in html
    nav = _main_nav(html)
    positions = [nav.index(f">{title}</a>") for title in NAV_DE]
    assert positions == sorted(positions), "navigation follows the page tree order"
    assert '<html lang="de" dir="ltr">' in html
    assert 'href="#inhalt"' in html and 'id="inhalt"' in html  # skip link and its target


def test_footer_links_to_service_pages(client):
    html = client.get("/").content.decode()
    footer = html[html.index('class="site-footer"') :]
    for path, label in [
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutz"),
        ("/barrierefreiheit/", "Barrierefreiheit"),
        ("/kontakt/", "Kontakt"),
        ("/leichte-sprache/", "Leichte Sprache"),
    ]:
        assert f'href="{path}">{label}</a>' in footer
        assert client.get(path).status_code == 200


def test_service_pages_are_not_in_main_navigation(client):
    nav = _main_nav(client.get("/").content.decode())
    assert "Impressum" not in nav


def test_english_lives_under_en_prefix(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    nav = _main_nav(html)
    for title in NAV_EN:
        assert f">{title}</a>" in nav
    assert 'href="/en/legal-notice/"' in html


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/qualifizierung/").content.decode()
    assert 'href="/en/qualification/" hreflang="en"' in html
    html_en = client.get("/en/qualification/").content.decode()
    assert 'href="/qualifizierung/" hreflang="de"' in html_en


def test_german_prefix_redirects_to_unprefixed_url(client):
    response = client.get("/de/qualifizierung/")
    assert response.status_code == 301
    assert response["Location"] == "/qualifizierung/"


def test_breadcrumbs_show_the_path(client):
    html = client.get("/kommunen/bochum/").content.decode()
    crumbs = html[html.index('class="breadcrumb__list"') : html.index("</ol>")]
    assert 'href="/kommunen/">Kommunen</a>' in crumbs
    assert '<span aria-current="page">Bochum</span>' in crumbs


def test_sidebar_alias_shows_qualifizierung_on_content_pages(client):
    html = client.get("/werkstattreihe/").content.decode()
    aside = html[html.index("<aside") : html.index("</aside>")]
    assert "Qualifizierung" in aside


def test_accessibility_statement_has_the_required_sections(client):
    html = client.get("/barrierefreiheit/").content.decode()
    for heading in [
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren",
    ]:
        assert heading in html


def test_unknown_url_gives_404_in_portal_layout(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert 'class="main-nav"' in html
    assert "Ministerium für Kinder" in html


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_home_query_count_is_bounded(client, uncached, django_assert_max_num_queries):
    client.get("/")  # warm the apphook and menu caches as a running server would
    with django_assert_max_num_queries(40):
        assert client.get("/").status_code == 200
