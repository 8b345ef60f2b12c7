"""
The languages of NRW's families: Türkçe, Українська and العربية (right to left) beside German and
English. Every public page answers under /tr/, /uk/, /ar/ with the right lang and dir, names each
language in its own name, links all languages as hreflang alternates (reciprocal, x-default
German), and shows text nobody translated yet in German, marked lang="de", after a note in the
visitor's language. Sitemap, feeds and iCal follow the language of their URL.
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.test import Client

from tests.familie_portal.test_i18n import _catalog, _placeholders, parse_po

pytestmark = pytest.mark.django_db

NEW = ["tr", "uk", "ar"]
ALL = ["de", "en", *NEW]
NOTE = {
    "tr": "Bu içerik henüz sizin dilinizde mevcut değil. Almanca sürümünü okuyorsunuz.",
}
# The Bochum report and workshop have Turkish, Ukrainian and Arabic titles and leads (the demo);
# the Dortmund report and the Fachtag are German and English only.
REPORT = "/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"
GERMAN_REPORT = "/werkstattreihe/familien-beteiligen-stadtplanung/"
EVENT = "/veranstaltungen/fachtag-familienzentren-und-verwaltung/"
TRANSLATED_EVENT = "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"
# German path of each page type; the new languages keep the German addresses after their prefix.
PAGES = {
    "home": "/",
    "cms-page": "/qualifizierung/",
    "events": "/veranstaltungen/",
    "month": "/veranstaltungen/2008/5/",
    "event": EVENT,
    "reports": "/werkstattreihe/",
    "report": REPORT,
    "directory": "/familienmanager/",
    "profile": "/familienmanager/profil/berta-beispiel/",
    "search": "/suche/?q=familie",
}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("language", NEW)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_answers_in_the_language_with_lang_and_dir(client, language, page):
    html = _get(client, f"/{language}{PAGES[page]}")
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_german_and_english_pages_are_left_to_right(client):
    assert '<html lang="de" dir="ltr">' in _get(client, "/")
    assert '<html lang="en" dir="ltr">' in _get(client, "/en/")


def test_the_interface_speaks_turkish(client):
    html = _get(client, "/tr/veranstaltungen/")
    assert 'aria-label="Ana gezinme"' in html
    assert "Zum Inhalt springen" not in html
    nav = html[html.index('class="main-nav'):]
    assert ">Etkinlikler<" in nav[: nav.index("</nav>")]


def test_the_turkish_month_grid(client):
    html = _get(client, "/tr/veranstaltungen/2008/5/")
    for text in ["<caption>Etkinlik takvimi, Mayıs 2008</caption>", '<abbr title="Hafta">Hf.</abbr>',
                 '<abbr title="Pazartesi">', "<h1>Mayıs 2008 ayındaki etkinlikler</h1>"]:
        assert text in html, text


def test_search_in_turkish_finds_the_german_texts_and_links_the_turkish_pages(client):
    html = _get(client, "/tr/suche/?q=Familienzentren")
    assert f'<a href="/tr{EVENT}">' in html
    assert '<h2 lang="de" dir="ltr"><a href="/tr' in html
    assert "Sonuç yok" not in html


def test_the_chooser_names_each_language_in_its_own_name(client):
    html = _get(client, "/tr/veranstaltungen/")
    chooser = html[html.index('class="lang-switch"'):]
    chooser = chooser[: chooser.index("</nav>")]
    assert '<span aria-current="true" lang="tr" dir="ltr">Türkçe</span>' in chooser
    assert '<a href="/veranstaltungen/" hreflang="de" lang="de" dir="ltr">Deutsch</a>' in chooser
    assert '<a href="/en/events/" hreflang="en" lang="en" dir="ltr">English</a>' in chooser
    assert '<a href="/uk/veranstaltungen/" hreflang="uk" lang="uk" dir="ltr">Українська</a>' in chooser
    assert '<a href="/ar/veranstaltungen/" hreflang="ar" lang="ar" dir="rtl">العربيّة</a>' in chooser


@pytest.mark.parametrize("page", ["home", "cms-page", "events", "report"])
def test_hreflang_alternates_are_complete_and_reciprocal(client, page):
    german = _alternates(_get(client, PAGES[page]))
    assert set(german) == {*ALL, "x-default"}
    assert german["x-default"] == german["de"]
    for language in NEW:
        assert german[language] == f"http://testserver/{language}{PAGES[page]}"
    for language in ALL:
        # Each alternate names the same set, itself included: the links are reciprocal.
        assert _alternates(_get(client, german[language].removeprefix("http://testserver"))) == german, language


def test_a_cms_page_not_written_in_turkish_shows_german_marked_with_a_turkish_note(client):
    html = _get(client, "/tr/qualifizierung/")
    assert NOTE["tr"] in html
    block = html[html.index('class="untranslated__content"'):]
    assert block.startswith('class="untranslated__content" lang="de" dir="ltr">')
    assert "Das IQZ qualifiziert kommunale Fachkräfte" in block
    assert '<h1 lang="de" dir="ltr">Qualifizierung</h1>' in html
    assert 'aria-label="Ana gezinme"' in html  # the interface stays Turkish around it
    assert "untranslated" not in _get(client, "/qualifizierung/")
    assert "untranslated" not in _get(client, "/en/qualification/")


def test_an_editor_writes_a_page_in_arabic_and_the_german_fallback_goes(client, user_by_name):
    from cms.api import add_plugin, create_page_content
    from cms.models import Page, PageContent

    from familie_portal.onboarding import publish

    iqz = user_by_name("iqz")
    page = Page.objects.get(reverse_id="qualifizierung")
    create_page_content("ar", "التأهيل", page, slug="qualifizierung", template="pages/content.html", created_by=iqz)
    content = PageContent.admin_manager.get(page=page, language="ar")
    add_plugin(content.placeholders.get_or_create(slot="content")[0], "TextPlugin", "ar",
               body="<p>يؤهل مركز IQZ موظفي البلديات.</p>")
    publish(content, iqz)
    html = _get(client, "/ar/qualifizierung/")
    assert "<h1>التأهيل</h1>" in html and "يؤهل مركز IQZ موظفي البلديات." in html
    assert "untranslated" not in html
    assert "untranslated__note" in _get(client, "/tr/qualifizierung/")  # Turkish still falls back


def test_a_page_written_in_turkish_has_no_note(client):
    html = _get(client, "/tr/veranstaltungen/")
    assert "IQZ’nin ve belediyelerin etkinlikleri" in html
    assert "untranslated__note" not in html


@pytest.mark.parametrize("language", NEW)
def test_german_text_in_an_arabic_page_is_left_to_right(client, language):
    html = _get(client, f"/{language}/qualifizierung/")
    assert 'class="untranslated__content" lang="de" dir="ltr"' in html
    assert 'class="untranslated__note"' in html


@pytest.mark.parametrize("url", [EVENT, GERMAN_REPORT])
def test_events_and_reports_show_their_german_text_marked_as_german(client, url):
    html = _get(client, f"/tr{url}")
    assert NOTE["tr"] in html
    assert 'class="untranslated__content" lang="de" dir="ltr"' in html
    assert re.search(r'<h1 lang="de" dir="ltr">', html)
    # The English page of a translated event or report needs no note.
    english = client.get(f"/en{url}", follow=True).content.decode()
    assert "untranslated__note" not in english


# --- content written in the new languages (model columns `<field>_tr`, `_uk`, `_ar`) ---------------

TRANSLATED_TITLES = {
    "tr": "Aile Dostu Yaklaşım – Odakta Belediye Yönetimi",
    "uk": "Дружність до сімей – у центрі уваги муніципальне управління",
    "ar": "مراعاة الأسرة – الإدارة البلدية في دائرة الضوء",
}


@pytest.mark.parametrize("language", NEW)
def test_a_translated_report_shows_its_title_and_teaser_in_the_language_and_the_body_marked_german(client, language):
    html = _get(client, f"/{language}{REPORT}")
    assert f"<h1>{TRANSLATED_TITLES[language]}</h1>" in html  # the page's own language: no lang attribute
    lead = html[html.index('<p class="lead">'):]
    assert lead.index("</p>") < lead.index("untranslated")  # the teaser is not inside a German block
    # The body nobody translated: German, marked, after the note (once).
    body = html[html.index('class="workshop-report__body"') - 200:]
    assert 'class="untranslated__content" lang="de" dir="ltr"' in body
    assert "Den Workshop eröffnete Prof. Dr. Jörg Bogumil" in body
    assert html.count('class="untranslated__note"') == 1


@pytest.mark.parametrize("language", NEW)
def test_a_translated_event_has_no_note_and_the_list_names_its_language(client, language):
    html = _get(client, f"/{language}{TRANSLATED_EVENT}")
    assert f"<h1>{TRANSLATED_TITLES[language]}</h1>" in html
    assert '<p class="lead">' in html and "untranslated__note" in html  # the description is German only
    lead = html[html.index('<p class="lead">'):]
    assert lead.index("</p>") < lead.index("untranslated")
    assert '<div class="untranslated__content" lang="de" dir="ltr"><div class="event__description">' in html
    month = _get(client, f"/{language}/veranstaltungen/2008/4/")
    assert f'class="event-item__title"><a href="/{language}{TRANSLATED_EVENT}' in month


def test_english_visitors_keep_the_english_text(client):
    html = _get(client, TRANSLATED_EVENT.replace("/veranstaltungen/", "/en/events/"))
    assert "<h1>Family-friendliness – the municipal administration in focus</h1>" in html
    assert '<p class="lead">IQZ workshop on family-friendly municipalities' in html
    # Only the description has no English text: it alone is German, marked, after the English note.
    assert html.count('class="untranslated__note"') == 1
    block = html[html.index('class="untranslated__content"'):]
    assert block.startswith('class="untranslated__content" lang="de" dir="ltr"><div class="event__description">')


def test_search_in_arabic_finds_the_arabic_title(client):
    html = _get(client, "/ar/suche/?q=الإدارة البلدية")
    assert f'<a href="/ar{REPORT}">{TRANSLATED_TITLES["ar"]}</a>' in html
    assert f'<a href="/ar{TRANSLATED_EVENT}">' in html
    # A German word still finds what is German only (the Fachtag), linked under /ar/.
    assert f'<a href="/ar{EVENT}">' in _get(client, "/ar/suche/?q=Familienzentren")


@pytest.mark.parametrize("language", NEW)
def test_feeds_and_ical_carry_the_translated_title(client, language):
    assert f"<title>{TRANSLATED_TITLES[language]}</title>" in _get(client, f"/{language}/werkstattreihe/feed/rss/")
    ics = _get(client, f"/{language}{TRANSLATED_EVENT.rstrip('/')}.ics").replace("\r\n ", "")
    assert f"SUMMARY;LANGUAGE={language}:{TRANSLATED_TITLES[language]}" in ics
    assert "DESCRIPTION;LANGUAGE=de:" in ics  # the description is German


def test_profile_focus_in_german_is_marked(client):
    html = _get(client, "/ar/familienmanager/profil/berta-beispiel/")
    assert 'class="untranslated__content" lang="de" dir="ltr"' in html


def test_the_arabic_month_grid_is_right_to_left_with_monday_first(client):
    html = _get(client, "/ar/veranstaltungen/2008/5/")
    assert '<html lang="ar" dir="rtl">' in html
    head = html[html.index("<thead"):html.index("</thead>")]
    assert head.index("الاثنين") < head.index("الأحد")  # the columns still start with Monday


def test_sitemap_lists_every_language_with_alternates(client):
    def section(name):
        return ET.fromstring(client.get(f"/sitemap-{name}.xml").content)  # noqa: S314 (our own output)

    def locations(root):
        return {el.text for el in root.findall("s:url/s:loc", SITEMAP)}

    reports, events = locations(section("werkstattreihe")), locations(section("veranstaltungen"))
    for language in NEW:
        for path, listed in [(REPORT, reports), (EVENT, events)]:
            assert any(location.endswith(f"/{language}{path}") for location in listed), (language, path)
        # A language's page section lists the pages written in it (the home page); a page nobody translated
        # (Qualifizierung: German and English) is named there only as the hreflang alternate of its German entry.
        pages = locations(section(f"seiten-{language}"))
        assert any(location.endswith(f"/{language}/") for location in pages), language
        assert not any(location.endswith(f"/{language}/qualifizierung/") for location in pages), language
    url = next(u for u in section("seiten-de").findall("s:url", SITEMAP)
               if u.find("s:loc", SITEMAP).text.endswith("/qualifizierung/"))
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
    assert set(alternates) == {*ALL, "x-default"}
    assert alternates["tr"].endswith("/tr/qualifizierung/")
    assert alternates["ar"].endswith("/ar/qualifizierung/")


@pytest.mark.parametrize("language", NEW)
@pytest.mark.parametrize("feed", ["/veranstaltungen/rss/", "/werkstattreihe/feed/rss/"])
def test_rss_feeds_carry_the_language_of_their_url(client, language, feed):
    body = _get(client, f"/{language}{feed}")
    assert f"<language>{language}</language>" in body


@pytest.mark.parametrize("language", NEW)
def test_atom_feed_language(client, language):
    assert f'xml:lang="{language}"' in _get(client, f"/{language}/veranstaltungen/atom/")


def test_ical_names_the_calendar_in_the_language_and_marks_german_event_text(client):
    body = client.get("/tr/veranstaltungen/kalender.ics").content.decode()
    assert "X-WR-CALNAME;LANGUAGE=tr:Etkinlikler" in body
    assert "SUMMARY;LANGUAGE=de:" in body


@pytest.mark.parametrize("language", NEW)
def test_the_admin_stays_german_under_the_new_prefixes(admin_client_demo, language):
    response = admin_client_demo.get(f"/{language}/admin/")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()
    login = Client().get(f"/{language}/admin/login/")  # a visitor not logged in
    assert login.status_code == 200 and '<html lang="de"' in login.content.decode()


# The limits of the German pages' own query-count tests (test_pages, tests/events/test_queries,
# tests/workshops/test_views, tests/managers/test_queries, test_search): a page in a new language,
# translated or falling back to German, reads no more.
QUERY_LIMITS = [("/", 40), ("/qualifizierung/", 40), ("/veranstaltungen/2008/5/", 35), (EVENT, 35), (REPORT, 28),
                ("/familienmanager/", 30), ("/suche/?q=familie", 25)]


@pytest.mark.parametrize("language", NEW)
@pytest.mark.parametrize(("url", "limit"), QUERY_LIMITS)
def test_query_counts_of_the_new_languages(client, uncached, django_assert_max_num_queries, language, url, limit):
    client.get(f"/{language}{url}")  # warm apphook, menu and page-URL caches, as on a running server
    with django_assert_max_num_queries(limit):
        assert client.get(f"/{language}{url}").status_code == 200


PHYSICAL = re.compile(r"(?<![\w-])(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right)\s*:"
                      r"|text-align\s*:\s*(?:left|right)|float\s*:\s*(?:left|right)")


def test_stylesheets_use_logical_properties_so_arabic_mirrors():
    static = Path(__file__).resolve().parents[2] / "static"
    found = [f"{css.relative_to(static)}: {line.strip()}" for css in static.rglob("*.css")
             for line in css.read_text(encoding="utf-8").splitlines() if PHYSICAL.search(line)]
    assert found == []


# --- the catalogs -------------------------------------------------------------------------------

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLURAL_FORMS = {
    "tr": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}


def _po(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def _key(entry) -> str:
    return entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"


@pytest.mark.parametrize("language", NEW)
def test_each_new_catalog_has_every_english_msgid_and_its_plural_forms(language):
    header = "".join(_po(language).read_text(encoding="utf-8").split("\n\n", 1)[0].split('"\n"'))
    assert f"Language: {language}\\n" in header
    assert f"Plural-Forms: {PLURAL_FORMS[language]}" in header
    entries = parse_po(_po(language))
    assert {_key(e) for e in entries} >= {_key(e) for e in parse_po(_po("en"))}
    nplurals = int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
    assert all(len(e["msgstr"]) == nplurals for e in entries if e["msgid_plural"])


def test_turkish_is_translated_completely_with_its_placeholders():
    entries = parse_po(_po("tr"))
    assert [e["msgid"] for e in entries if not all(e["msgstr"]) or "fuzzy" in e["flags"]] == []
    for entry in entries:
        expected = _placeholders(entry["msgid_plural"] or entry["msgid"])
        assert all(_placeholders(msgstr) == expected for msgstr in entry["msgstr"]), entry["msgid"]


@pytest.mark.parametrize("language", NEW)
def test_committed_mo_matches_the_po(language):
    expected = {}
    for entry in parse_po(_po(language)):
        if entry["msgid_plural"] and all(entry["msgstr"]):
            expected.update({(_key(entry), index): text for index, text in enumerate(entry["msgstr"])})
        elif not entry["msgid_plural"] and entry["msgstr"][0]:
            expected[_key(entry)] = entry["msgstr"][0]
    assert _catalog(_po(language).with_suffix(".mo")) == expected


@pytest.mark.parametrize("language", NEW)
def test_msgfmt_check_passes(language):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(_po(language))], check=True, capture_output=True)


@pytest.mark.parametrize("path", ["/gibt-es-nicht/", "/en/gibt-es-nicht/", "/ar/gibt-es-nicht/"])
def test_a_missing_page_offers_each_languages_start_page_and_no_alternates(client, path):
    """django CMS's language links cut a missing address as if it had a language prefix
    ("/gibt-es-nicht/" became "/en/t-es-nicht/"): a 404 names no other versions and offers the start pages."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="alternate" hreflang' not in html
    chooser = html[html.index('class="lang-switch"'):]
    chooser = chooser[: chooser.index("</nav>")]
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', chooser)
    assert links and all(href == ("/" if code == "de" else f"/{code}/") for href, code in links)
    assert "/t-es-nicht" not in html


@pytest.mark.parametrize(("model", "field"), [("workshops.Workshop", "teaser"), ("events.Event", "lead")])
def test_the_admin_shows_the_new_languages_in_their_own_fieldsets_with_lang_and_dir(admin_client_demo, model, field):
    from django.apps import apps

    model = apps.get_model(model)
    obj = model.objects.filter(title_de="Familienfreundlichkeit – Die Kommunalverwaltung im Fokus").first()
    html = admin_client_demo.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/")
    html = html.content.decode()
    for name in ["Türkçe", "Українська", "العربيّة"]:
        assert re.search(rf'<fieldset class="module aligned collapse[^"]*"[^>]*>.*?{name}', html, re.S), name
    arabic = re.search(rf'<(?:input|textarea)[^>]*name="{field}_ar"[^>]*>', html).group()
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    turkish = re.search(r'<(?:input|textarea)[^>]*name="title_tr"[^>]*>', html).group()
    assert 'lang="tr"' in turkish and 'value="Aile Dostu Yaklaşım – Odakta Belediye Yönetimi"' in turkish
    assert "Titel (Türkisch)" in html
