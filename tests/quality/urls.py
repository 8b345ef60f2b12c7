"""
THE lists of public URLs the quality checks walk. One list per check; apps add their pages here
(one line each) when they land.

- PUBLIC_PAGES: every public template once, German addresses (headers/CSP test, browser suite: axe,
  network, console, overflow, screenshots, in every language of settings.LANGUAGES: `in_every_language`
  follows each German page's hreflang links, as the HTML check does). Paths exist in the demo content.
- FUZZ_PREFIXES: URL prefixes the Hypothesis fuzz test appends random path segments to.
- HTML_STATES: every public page in every state (empty lists, filters, errors) for the HTML checker
  (tests/quality/test_valid_html.py), German paths: it renders each in every language of
  settings.LANGUAGES (following the page's own hreflang links). The states that need data of their
  own (a registration's links, a form with errors) are built by that test.
- BENCH_PAGES: what `make bench` measures next to the ceiling view (scripts/bench.py).
"""

from datetime import date
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url


class Page(NamedTuple):
    name: str  # short, file-name safe: used for screenshot names
    path: str
    status: int = 200
    # A form state (browser suite only): type `fill` ((selector, value), ...) into the page, click `submit`.
    fill: tuple = ()
    submit: str = ""


_REGISTRATION_DEMO = "werkstatt-familienfreundliche-bebauungsplaene"  # registrations/demo.yaml: open, a week ahead
PUBLIC_PAGES: list[Page] = [
    Page("home", "/"),
    Page("werkstattreihe", "/werkstattreihe/"),
    Page("veranstaltungen", "/veranstaltungen/"),
    Page("familienmanager", "/familienmanager/"),
    Page("qualifizierung", "/qualifizierung/"),
    Page("kommunen", "/kommunen/"),
    Page("kommune-bochum", "/kommunen/bochum/"),
    Page("impressum", "/impressum/"),
    Page("datenschutz", "/datenschutz/"),
    Page("barrierefreiheit", "/barrierefreiheit/"),
    Page("kontakt", "/kontakt/"),
    Page("kontakt-barriere", "/kontakt/?thema=barriere&seite=%2Fveranstaltungen%2F"),
    Page("kontakt-gesendet", "/kontakt/gesendet/?bestaetigung=1"),
    Page("leichte-sprache", "/leichte-sprache/"),
    Page("leichte-sprache-kontakt", "/leichte-sprache/kontakt/"),
    Page("gebaerdensprache", "/gebaerdensprache/"),
    Page("not-found", "/gibt-es-nicht/", 404),
    # Werkstattreihe
    Page("report-list-2008", "/werkstattreihe/?year=2008"),
    Page("report-detail", "/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"),
    # Veranstaltungskalender ("veranstaltungen" above is "alle Termine")
    Page("events-month", "/veranstaltungen/2008/5/"),
    Page("events-day", "/veranstaltungen/2008/4/15/"),
    Page("event-detail", "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"),
    Page("events-archive", "/veranstaltungen/archiv/"),
    Page("events-organiser-year", "/veranstaltungen/veranstalter/iqz/2008/"),
    # Familienmanager ("familienmanager" above is the directory)
    Page("managers-map", "/familienmanager/karte/"),
    Page("manager-profile", "/familienmanager/profil/berta-beispiel/"),
    Page("managers-municipality", "/familienmanager/kommune/bochum/"),
    Page("managers-directory-unknown-filter", "/familienmanager/?kommune=nirgendwo"),
    # Kommunen ("kommunen" above is the whole list)
    Page("kommunen-filtered", "/kommunen/?regierungsbezirk=arnsberg"),
    # Site-wide
    Page("search", "/suche/?q=Familie"),
    Page("feeds", "/feeds/"),
    # Forms with their error messages, as a visitor submits them
    Page("register-form", f"/anmeldung/{_REGISTRATION_DEMO}/"),
    Page("register-form-errors", f"/anmeldung/{_REGISTRATION_DEMO}/",
         fill=(("#id_name", " "), ("#id_email", "keine-adresse")), submit=".registration__form button[type=submit]"),
    Page("search-too-long", "/suche/", fill=(("#search-q", "Familie " * 40),), submit=".search-form button"),
    Page("search-nothing-found", "/suche/", fill=(("#search-q", "gibtesnichtxyz"),), submit=".search-form button"),
]


class _Alternates(HTMLParser):
    def __init__(self):
        super().__init__()
        self.by_language = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate" and attributes.get("hreflang"):
            self.by_language[attributes["hreflang"]] = attributes["href"]


def languages() -> list[str]:
    """The interface's languages (settings.LANGUAGES), German (the default, unprefixed) first."""
    return [code for code, _ in settings.LANGUAGES]


def path_in(language: str, path: str, html: str) -> str:
    """THE rule for a German page's address in `language`: the page's own hreflang link (keeping the
    query), else Django's translate_url (a missing page names no other-language versions)."""
    if language == settings.LANGUAGE_CODE:
        return path
    parser = _Alternates()
    parser.feed(html)
    query = urlsplit(path).query
    if language in parser.by_language:
        target = urlsplit(parser.by_language[language]).path
        return target + (f"?{query}" if query else "")
    return translate_url(path, language)


def in_every_language(client, pages: list[Page]) -> list[tuple[str, Page]]:
    """(language, the page at that language's address) for each German page and each language: the
    German page is fetched once (Django test client, database access needed) for its hreflang links."""
    found = []
    for page in pages:
        html = client.get(page.path).content.decode()
        found += [(language, page._replace(path=path_in(language, page.path, html))) for language in languages()]
    return found


class State(NamedTuple):
    name: str  # file-name safe
    path: str  # German (default language) path; the other languages follow from its hreflang links
    status: int = 200
    post: tuple = ()  # ((field, value), ...): the page answering this form submission (e.g. with its errors)


# The form states are POSTed by the HTML check itself.
_DEFAULT_LANGUAGE_PAGES = [State(p.name, p.path, p.status) for p in PUBLIC_PAGES if not p.submit]
HTML_STATES: list[State] = _DEFAULT_LANGUAGE_PAGES + [
    State("report-list-empty", "/werkstattreihe/?year=1990"),
    State("report-list-filtered", "/werkstattreihe/?city=bochum"),
    State("events-filtered", "/veranstaltungen/?q=Familie&organiser=iqz"),
    State("events-empty", "/veranstaltungen/?q=gibtesnichtxyz"),
    State("events-bad-filter", "/veranstaltungen/?category=gibt-es-nicht&municipality=nirgendwo"),
    State("events-month-week-53", "/veranstaltungen/2020/12/"),
    State("events-month-empty", "/veranstaltungen/1999/2/"),
    State("events-day-empty", "/veranstaltungen/1999/2/3/"),
    State("managers-empty-search", "/familienmanager/?q=gibtesnichtxyz"),
    State("managers-map-filtered", "/familienmanager/karte/?regierungsbezirk=arnsberg"),
    State("kommunen-empty", "/kommunen/?q=gibtesnichtxyz"),
    State("kommunen-bad-filter", "/kommunen/?kreis=atlantis&regierungsbezirk=999"),
    State("search-no-results", "/suche/?q=gibtesnichtxyz"),
    State("search-empty", "/suche/"),
    State("search-bad-input", "/suche/?q=" + "%3Cb%3E%22%27" * 40 + "&art=unbekannt&page=x"),
    State("search-kind", "/suche/?q=Familie&art=event"),
    State("login", "/admin/login/"),
    State("login-failed", "/admin/login/", post=(("username", "niemand"), ("password", "falsch"))),
]

FUZZ_PREFIXES: list[str] = [
    "/",
    "/en/",
    "/de/",
    "/tr/",
    "/uk/",
    "/ar/",
    "/ar/veranstaltungen/",
    "/werkstattreihe/",
    "/en/workshop-series/",
    "/veranstaltungen/",
    "/en/events/",
    "/familienmanager/",
    "/en/family-managers/",
    "/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/",
    "/werkstattreihe/feed/",
    "/veranstaltungen/2008/5/",
    "/veranstaltungen/2008/4/15/",
    "/veranstaltungen/archiv/",
    "/veranstaltungen/veranstalter/iqz/",
    "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/",
    "/familienmanager/karte/",
    "/familienmanager/profil/",
    "/familienmanager/kommune/",
    "/en/family-managers/kommune/",
    "/suche/",
    "/en/suche/",
    "/feeds/",
    "/kommunen/",
    "/qualifizierung/",
    "/admin/",
    "/healthz",
    "/static/",
    "/media/",
]

# (name, path): the ceiling view is measured in addition to these. Paths exist in the demo content
# plus `scripts/bench_data.py` (10,000 events, 500 reports, 1,000 profiles by default).
_TODAY = date.today()
BENCH_PAGES: list[tuple[str, str]] = [
    ("home", "/"),
    ("content page", "/qualifizierung/"),
    ("home (en)", "/en/"),
    ("month grid 2008/5", "/veranstaltungen/2008/5/"),
    ("month grid now", f"/veranstaltungen/{_TODAY.year}/{_TODAY.month}/"),
    ("all events p1", "/veranstaltungen/"),
    ("event detail", "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"),
    ("report list", "/werkstattreihe/"),
    ("report detail", "/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"),
    ("directory", "/familienmanager/"),
    ("map page", "/familienmanager/karte/"),
    ("map geojson", "/familienmanager/karte.geojson"),
    ("profile", "/familienmanager/profil/berta-beispiel/"),
    ("search", "/suche/?q=Familie"),
]
