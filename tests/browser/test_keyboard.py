"""
Keyboard only (tests/browser/keyboard.mjs): on each page type, Tab after Tab from the top of the page. The
skip link comes first and moves focus to <main>; focus follows the DOM order, never lands on anything
hidden and always shows a visible indicator; no positive tabindex, no trap; the language chooser, the
main menu, the site search and the page's own forms and calendar navigation are reached. Each page type
in every language of settings.LANGUAGES (the German page's hreflang links name the others:
urls.in_every_language). Screenshots: artifacts/screenshots/keyboard-<page>-<language>.png.

Needs the browser tools of test_public_pages.py (skips loudly without them, fails under CI=true).
"""

import json
import subprocess

import pytest
from django.test import Client

from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import ROOT, Server, database_url
from tests.quality.urls import PUBLIC_PAGES, in_every_language, languages

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

# Reached on every page: the language chooser, the main menu, the site search, the footer's links.
EVERY_PAGE = [".lang-switch a", ".main-nav a", "#site-search-q", ".site-search button", ".site-footer a"]
# One page of each type (names of PUBLIC_PAGES) and what its own keyboard path must reach.
PAGE_TYPES = {
    "home": [],
    "qualifizierung": [],
    "werkstattreihe": [".filters select", ".filters button"],
    "report-detail": [],
    "veranstaltungen": [".events-nav a", ".events-filters input", ".events-filters select", ".events-filters button"],
    "events-month": [".cal-nav a", ".cal a"],
    "events-day": [".events-nav a"],
    "event-detail": [".events-nav a"],
    "register-form": ["#id_name", "#id_email", "input[name=consent]", ".registration__form button[type=submit]"],
    "familienmanager": [".filters input", ".filters select", ".filters button"],
    "managers-map": [],
    "kommunen": [".filters input", ".filters select", ".filters button", ".municipality-list a"],
    "manager-profile": [],
    "search": ["#search-q", "#search-kind", ".search-form button"],
    "feeds": [],
    "not-found": [],
}
SCREENSHOT_PAGES = {"veranstaltungen", "register-form"}


def _pages() -> list[dict]:
    types = [page for page in PUBLIC_PAGES if page.name in PAGE_TYPES]
    assert len(types) == len(PAGE_TYPES)
    return [{"name": f"{page.name}-{language}", "path": page.path, "reach": EVERY_PAGE + PAGE_TYPES[page.name],
             "screenshot": page.name in SCREENSHOT_PAGES} for language, page in in_every_language(Client(), types)]


@pytest.fixture(scope="module")
def keyboard_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        pages = _pages()  # the German pages' hreflang links
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60"}, threads=4)
    try:
        config = tmp_path_factory.mktemp("keyboard") / "config.json"
        config.write_text(json.dumps({"baseUrl": server.url, "executablePath": chromium,
                                      "screenshotDir": str(SCREENSHOTS), "pages": pages}))
        result = subprocess.run([node, str(HERE / "keyboard.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=max(600, 15 * len(pages)))
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "keyboard-report.json").write_text(json.dumps(report, indent=1))
    return {r["name"]: r for r in report["results"]}, {page["name"] for page in pages}


def test_every_page_type_was_tabbed_through_in_every_language(keyboard_run):
    keyboard_results, names = keyboard_run
    assert set(keyboard_results) == names == {f"{name}-{language}" for name in PAGE_TYPES for language in languages()}
    short = {name: len(r["sequence"]) for name, r in keyboard_results.items() if len(r["sequence"]) < 10}
    assert short == {}, "every page has its header, menu and footer to tab through"


def test_the_skip_link_comes_first_and_moves_focus_to_main(keyboard_results):
    expected = {"isSkipLink": True, "visible": True, "focusOnMain": True, "nextAfterMain": True}
    wrong = {name: r["skipLink"] for name, r in keyboard_results.items()
             if {k: r["skipLink"].get(k) for k in expected} != expected}
    assert wrong == {}


def test_focus_order_indicator_and_no_trap(keyboard_results):
    assert {name: r["problems"] for name, r in keyboard_results.items() if r["problems"]} == {}


def test_menus_language_chooser_forms_and_calendar_are_reached(keyboard_results):
    assert {name: r["unreached"] for name, r in keyboard_results.items() if r["unreached"]} == {}


@pytest.fixture
def keyboard_results(keyboard_run):
    return keyboard_run[0]


def test_screenshots_of_the_focus(keyboard_results):
    for name in SCREENSHOT_PAGES:
        for language in languages():
            assert (SCREENSHOTS / f"keyboard-{name}-{language}.png").stat().st_size > 1000
