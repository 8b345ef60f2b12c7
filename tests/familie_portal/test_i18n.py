"""
The English interface: every UI string of the portal has an English translation in
locale/en/LC_MESSAGES/django.po, the committed .mo matches it, and the English pages show English
UI strings while the German pages keep German ones. (Page and report texts come from the database
and are tested by their apps.)
"""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.formats import reset_format_cache

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"

# (German URL, English URL, strings on the English page, German counterparts on the German page).
# Strings are compared against the raw HTML (attributes included), so escaping matters.
PAGES = [
    pytest.param(
        "/", "/en/",
        ['<a class="skip-link" href="#inhalt">Skip to content</a>', 'aria-label="Main navigation"',
         '<button type="submit">Search</button>', '>Upcoming dates</h2>', '>All dates</a>',
         '>Latest workshop reports</h2>'],
        ['<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>', 'aria-label="Hauptnavigation"',
         '<button type="submit">Suchen</button>', '>Nächste Termine</h2>', '>alle Termine</a>',
         '>Neueste Werkstattberichte</h2>'],
        id="home",
    ),
    pytest.param(
        "/werkstattreihe/", "/en/workshop-series/",
        ['rel="next">Next page</a>', "Page 1 of 2", 'aria-label="Pagination"', '<label for="id_year">Year:</label>',
         '<label for="id_city">Location:</label>', ">Filter reports</h2>", "4 reports", ">Atom feed</a>"],
        ['rel="next">Nächste Seite</a>', "Seite 1 von 2", 'aria-label="Seitennavigation"',
         '<label for="id_year">Jahr:</label>', '<label for="id_city">Ort:</label>', ">Berichte filtern</h2>",
         "4 Berichte", ">Atom-Feed</a>"],
        id="workshop-list",
    ),
    pytest.param(
        "/veranstaltungen/", "/en/events/",
        ['<label for="id_q">Search term</label>', '<label for="id_category">Category</label>',
         '<label for="id_target">Target group</label>', '<label for="id_organiser">Organiser</label>',
         '<label for="id_municipality">Municipality</label>', '<label for="id_from">From</label>',
         '<label for="id_to">To</label>', '<button type="submit">Filter</button>',
         '<option value="" selected>all categories</option>', 'aria-current="page">All dates</a>',
         ">Month view</a>", ">Past dates</a>"],
        ['<label for="id_q">Suchbegriff</label>', '<label for="id_category">Kategorie</label>',
         '<label for="id_target">Zielgruppe</label>', '<label for="id_organiser">Veranstalter</label>',
         '<label for="id_municipality">Kommune</label>', '<label for="id_from">von</label>',
         '<label for="id_to">bis</label>', '<button type="submit">Filtern</button>',
         '<option value="" selected>alle Kategorien</option>', 'aria-current="page">Alle Termine</a>',
         ">Monatsansicht</a>", ">Vergangene Termine</a>"],
        id="events",
    ),
    pytest.param(
        "/veranstaltungen/2008/5/", "/en/events/2008/5/",
        ["<caption>Events calendar, May 2008</caption>", '<abbr title="Week">Wk</abbr>',
         '<abbr title="Monday">Mon</abbr>', '<abbr title="Sunday">Sun</abbr>',
         '<span class="visually-hidden">Week </span>19', "<h1>Events in May 2008</h1>", ">Dates in May 2008</h2>",
         ">Current month</a>", '2008: 1 event"'],
        ["<caption>Veranstaltungskalender Mai 2008</caption>", '<abbr title="Kalenderwoche">KW</abbr>',
         '<abbr title="Montag">Mo</abbr>', '<abbr title="Sonntag">So</abbr>',
         '<span class="visually-hidden">Kalenderwoche </span>19', "<h1>Veranstaltungen im Mai 2008</h1>",
         ">Termine im Mai 2008</h2>", ">Aktueller Monat</a>", '2008: 1 Veranstaltung"'],
        id="events-month",
    ),
    pytest.param(
        "/familienmanager/", "/en/family-managers/",
        ['<label for="id_regierungsbezirk">Administrative region</label>',
         '<label for="id_kreis">District / independent city</label>',
         '<label for="id_kommune">Municipality</label>', '<button type="submit">Show</button>',
         'aria-label="Filter the directory"', "profiles found", 'rel="next">Next page</a>',
         ">Go to the map of all municipalities</a>"],
        ['<label for="id_regierungsbezirk">Regierungsbezirk</label>',
         '<label for="id_kreis">Kreis / kreisfreie Stadt</label>', '<label for="id_kommune">Kommune</label>',
         '<button type="submit">Anzeigen</button>', 'aria-label="Verzeichnis filtern"', "Profile gefunden",
         'rel="next">Nächste Seite</a>', ">Zur Karte mit allen Kommunen</a>"],
        id="managers",
    ),
    pytest.param(
        "/familienmanager/karte/", "/en/family-managers/karte/",
        ['<h2 id="karte-als-liste">The map as a list</h2>', ">The same information as a list</a>",
         '<title id="nrw-map-title">Map: family managers in North Rhine-Westphalia</title>',
         "<caption>Arnsberg administrative region</caption>",
         '<th scope="col">District / independent city</th>', "Squares: active across a whole district."],
        ['<h2 id="karte-als-liste">Die Karte als Liste</h2>', ">Dieselben Angaben als Liste</a>",
         '<title id="nrw-map-title">Karte: Familienmanagerinnen und -manager in Nordrhein-Westfalen</title>',
         "<caption>Regierungsbezirk Arnsberg</caption>", '<th scope="col">Kreis / kreisfreie Stadt</th>',
         "Quadrate: kreisweit tätig."],
        id="managers-map",
    ),
    pytest.param(
        "/suche/?q=familie", "/en/suche/?q=familie",
        ["<h1>Search</h1>", '<label for="search-q">Search term</label>', '<label for="search-kind">Type</label>',
         " results</p>", 'rel="next">Next page</a>'],
        ["<h1>Suche</h1>", '<label for="search-q">Suchbegriff</label>', '<label for="search-kind">Art</label>',
         " Treffer</p>", 'rel="next">Nächste Seite</a>'],
        id="search",
    ),
    pytest.param(
        "/feeds/", "/en/feeds/",
        ["<h1>Feeds and calendars</h1>", "<caption>Available feeds</caption>", "All dates (calendar subscription)",
         "Family managers in NRW"],
        ["<h1>Feeds und Kalender</h1>", "<caption>Angebotene Feeds</caption>", "Alle Termine (Kalender-Abo)",
         "Familienmanager in NRW"],
        id="feeds",
    ),
]

FOOTER_EN = ["Legal notice", "Data protection", "Accessibility", "Contact", "Easy-to-read German",
             "Feeds and calendars"]
FOOTER_DE = ["Impressum", "Datenschutz", "Barrierefreiheit", "Kontakt", "Leichte Sprache", "Feeds und Kalender"]
LANDMARKS_EN = ['aria-label="Main navigation"', 'aria-label="Choose language"', 'aria-label="Service links"',
                "Search the portal</label>"]
LANDMARKS_DE = ['aria-label="Hauptnavigation"', 'aria-label="Sprache wählen"', 'aria-label="Service"',
                "Portal durchsuchen</label>"]
MINISTRY_EN = "Ministry for Children, Family, Refugees and Integration of the State of North Rhine-Westphalia"
MINISTRY_DE = "Ministerium für Kinder, Familie, Flüchtlinge und Integration des Landes Nordrhein-Westfalen"


def _html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _footer(html: str) -> str:
    return html[html.index('class="site-footer"') :]


@pytest.mark.django_db
@pytest.mark.parametrize(("de_url", "en_url", "english", "german"), PAGES)
def test_english_page_shows_english_ui_and_german_page_german(client, de_url, en_url, english, german):
    html_en = _html(client, en_url)
    html_de = _html(client, de_url)
    assert '<html lang="en" dir="ltr">' in html_en and '<html lang="de" dir="ltr">' in html_de
    for text in english + LANDMARKS_EN + [MINISTRY_EN]:
        assert text in html_en, f"{en_url}: {text!r} missing"
    for text in german + LANDMARKS_DE + [MINISTRY_DE]:
        assert text in html_de, f"{de_url}: {text!r} missing"
    # No German UI string of this page leaks into the English one.
    for text in german:
        assert text not in html_en, f"{en_url}: German {text!r} on the English page"
    for label in FOOTER_EN:
        assert f">{label}</a>" in _footer(html_en)
    for label in FOOTER_DE:
        assert f">{label}</a>" in _footer(html_de)


@pytest.mark.django_db
def test_sidebar_calendar_and_map_teaser_in_english(client):
    html = _html(client, "/en/workshop-series/")
    aside = html[html.index('<aside class="two-col__aside') :]
    aside = aside[: aside.index("</aside>")]
    assert '<abbr title="Week">Wk</abbr>' in aside
    assert '<abbr title="Monday">Mon</abbr>' in aside
    assert ">All dates</a>" in aside
    assert "Where are they? An overview of family managers in North Rhine-Westphalia" in aside
    assert 'aria-label="Sidebar"' in html


@pytest.mark.django_db
def test_event_detail_in_english(client):
    html = _html(client, "/en/events/fachtag-familienzentren-und-verwaltung/")
    for text in ["<dt>When</dt>", "<dt>Where</dt>", "<dt>Organiser</dt>", "<dt>For</dt>", "<dt>Registration</dt>",
                 "80 places", ">Register</a>", "Add to calendar"]:
        assert text in html, text
    html_de = _html(client, "/veranstaltungen/fachtag-familienzentren-und-verwaltung/")
    assert "<dt>Wann</dt>" in html_de and "80 Plätze" in html_de


@pytest.mark.django_db
def test_404_in_english_and_german(client):
    html = _html(client, "/en/gibt-es-nicht/", status=404)
    assert "<h1>Page not found</h1>" in html
    assert "The page you requested does not exist (any more). Perhaps its address has changed." in html
    assert ">Go to the home page</a>" in html
    assert '<a class="skip-link" href="#inhalt">Skip to content</a>' in html
    assert "Seite nicht gefunden" not in html
    html_de = _html(client, "/gibt-es-nicht/", status=404)
    assert "<h1>Seite nicht gefunden</h1>" in html_de
    assert ">Zur Startseite</a>" in html_de


@pytest.mark.django_db
def test_invalid_filter_message_in_english(client):
    html = _html(client, "/en/events/?from=1800-01-01")
    assert "We cannot use these filter settings." in html
    assert "Please choose a date between" in html


@pytest.fixture
def british_formats(settings):
    """settings.FORMAT_MODULE_PATH as the lead adds it; Django caches formats, so reset around."""
    settings.FORMAT_MODULE_PATH = ["familie_portal.formats"]
    reset_format_cache()
    yield
    reset_format_cache()


@pytest.mark.django_db
def test_british_date_formats_on_english_pages(client, british_formats):
    html = _html(client, "/en/events/2008/5/6/")
    assert "Events on Tuesday, 6 May 2008" in html
    assert "14:00" in html
    assert "<caption>Events calendar, May 2008</caption>" in _html(client, "/en/events/2008/5/")
    assert "Veranstaltungen am Dienstag, 6. Mai 2008" in _html(client, "/veranstaltungen/2008/5/6/")


# --- The catalogue ------------------------------------------------------------------------------

def _unquote(chunks: list[str]) -> str:
    text = "".join(chunks)
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), flags; no header, no obsolete."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgstr": {}}
        key = None
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry = None
                break
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
            if match:
                keyword, index, chunk = match.groups()
                key = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else keyword
            else:
                chunk = re.match(r'^"(.*)"$', line).group(1)
            if isinstance(key, tuple):
                entry["msgstr"].setdefault(key[1], []).append(chunk)
            else:
                entry.setdefault(key, []).append(chunk)
        if entry is None or "msgid" not in entry:
            continue
        entry = {
            "msgctxt": _unquote(entry["msgctxt"]) if "msgctxt" in entry else None,
            "msgid": _unquote(entry["msgid"]),
            "msgid_plural": _unquote(entry["msgid_plural"]) if "msgid_plural" in entry else None,
            "msgstr": [_unquote(entry["msgstr"][i]) for i in sorted(entry["msgstr"])],
            "flags": entry["flags"],
        }
        if entry["msgid"]:
            entries.append(entry)
    return entries


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\([a-z_]+\)[sd]|\{\{[^}]*\}\}|\{[a-z_]+\}", text))


def test_every_msgid_is_translated_and_not_fuzzy():
    entries = parse_po(PO)
    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"]) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plurals = [e for e in entries if e["msgid_plural"]]
    assert plurals and all(len(e["msgstr"]) == 2 for e in plurals)


def test_translations_keep_their_placeholders():
    for entry in parse_po(PO):
        sources = [entry["msgid"]] + ([entry["msgid_plural"]] if entry["msgid_plural"] else [])
        expected = _placeholders(sources[-1])
        for msgstr in entry["msgstr"]:
            assert _placeholders(msgstr) == expected, entry["msgid"]


def test_po_header_declares_english_and_plural_forms():
    header = PO.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Language: en\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    assert "#, fuzzy" not in header


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)
    catalog.pop("", None)  # the header (creation dates differ)
    return catalog


def _expected_catalog() -> dict:
    catalog = {}
    for entry in parse_po(PO):
        msgid = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"]:
            for index, msgstr in enumerate(entry["msgstr"]):
                catalog[(msgid, index)] = msgstr
        else:
            catalog[msgid] = entry["msgstr"][0]
    return catalog


def test_committed_mo_matches_the_po():
    """Works without gettext tools: the committed .mo holds exactly the .po's translations."""
    assert _catalog(MO) == _expected_catalog()


@pytest.fixture
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        pytest.skip("msgfmt (GNU gettext) is not installed; the .mo is checked against the .po above")
    return path


def test_msgfmt_statistics_report_no_untranslated_or_fuzzy(msgfmt):
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True, text=True, check=True, env={"LC_ALL": "C"},
    )
    stats = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages\.", stats), stats


def test_committed_mo_is_up_to_date(msgfmt, tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert _catalog(MO) == _catalog(compiled), "run `manage.py compilemessages` and commit the .mo"
