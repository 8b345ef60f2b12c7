"""
Every public page and form state (tests/quality/urls.py PUBLIC_PAGES) in every language of
settings.LANGUAGES (each German page's hreflang links name the others: urls.in_every_language) in
headless Chromium, at desktop (1280 px) and phone (390 px) width: axe-core (axe.mjs: WCAG 2.0-2.2 A/AA,
experimental rules, best practices) -> 0 violations, 0 requests to other hosts, no console errors (CSP
violations included), no JS errors, no sideways scrolling. Screenshots land in artifacts/screenshots/
as <page>-<language>-<viewport>.png; artifacts/browser-report.json has each page's seconds.

After a template change, PORTAL_BROWSER_PAGES=kontakt,events-month (names of PUBLIC_PAGES) checks only those
pages (in every language, both widths): a run of a minute or two instead of the whole list.

Needs Chromium (/usr/bin/chromium or PORTAL_CHROMIUM), node and tests/browser/node_modules (the
test command runs `npm ci`). Without them the test skips loudly - except under CI=true, where it fails.
"""

import json
import os
import shutil
import subprocess
import warnings

import pytest
from django.conf import settings
from django.test import Client

from tests.quality.support import ROOT, Server, database_url
from tests.quality.urls import PUBLIC_PAGES, in_every_language, languages

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]
HERE = ROOT / "tests" / "browser"
_ONLY = [name for name in os.environ.get("PORTAL_BROWSER_PAGES", "").split(",") if name]
CHECKED_PAGES = [page for page in PUBLIC_PAGES if not _ONLY or page.name in _ONLY]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def _require(condition: bool, reason: str):
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"BROWSER SUITE CANNOT RUN IN CI: {reason}")
    message = f"!!! BROWSER SUITE SKIPPED: {reason} !!!"
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def _chromium() -> str | None:
    candidates = [os.environ.get("PORTAL_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def browser_tools() -> tuple[str, str]:
    """(Chromium, node) for a browser script, or skip (fail in CI) saying what is missing."""
    chromium = _chromium()
    _require(chromium is not None, "no Chromium (install the distribution's `chromium` package)")
    node = shutil.which("node")
    _require(node is not None, "no node (install the distribution's `nodejs` package)")
    _require((HERE / "node_modules" / "playwright-core").is_dir(),
             "tests/browser/node_modules missing: run `npm ci` in tests/browser (make test does)")
    return chromium, node


@pytest.fixture(scope="module")
def browser_results(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()

    with django_db_blocker.unblock():
        url = database_url()
        pages = [{**page._asdict(), "name": f"{page.name}-{language}", "language": language}
                 for language, page in in_every_language(Client(), CHECKED_PAGES)]
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60"}, threads=4)
    try:
        config = tmp_path_factory.mktemp("browser") / "config.json"
        config.write_text(json.dumps({
            "baseUrl": server.url,
            "executablePath": chromium,
            "screenshotDir": str(SCREENSHOTS),
            "mediaRoot": str(settings.MEDIA_ROOT),
            "parallel": 2,
            "pages": pages,
        }))
        # Two pages at a time; on the busy two-core development machine a page took about 4 s per width,
        # axe included (340 checks: 21 minutes): twice that before the run counts as hung.
        result = subprocess.run([node, str(HERE / "check_pages.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=max(600, 2 * 8 * len(pages)))
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "browser-report.json").write_text(json.dumps(report, indent=1))
    return report


def _by_check(report, key):
    return {f"{r['name']} ({r['viewport']})": r[key] for r in report["results"] if r[key]}


def _expected_status(name):
    return next(p.status for p in PUBLIC_PAGES if name.rsplit("-", 1)[0] == p.name)


def test_every_page_loads_in_every_language_with_the_expected_status(browser_results):
    wrong = {f"{r['name']} ({r['viewport']})": r["status"] for r in browser_results["results"]
             if r["status"] != _expected_status(r["name"])}
    assert wrong == {}
    checked = {(r["name"], r["viewport"]) for r in browser_results["results"]}
    assert checked == {(f"{p.name}-{language}", viewport) for p in CHECKED_PAGES for language in languages()
                       for viewport in ("desktop", "phone")}


def test_axe_finds_no_violations(browser_results):
    assert _by_check(browser_results, "violations") == {}
    assert all(r["axePasses"] >= 10 for r in browser_results["results"]), "axe really ran its rules"


def test_no_request_leaves_the_portal(browser_results):
    assert _by_check(browser_results, "foreignRequests") == {}


def test_no_console_errors_or_csp_violations(browser_results):
    assert _by_check(browser_results, "consoleErrors") == {}
    assert _by_check(browser_results, "pageErrors") == {}


def test_no_page_scrolls_sideways(browser_results):
    """At 390 px (phone) and 1280 px nothing is wider than the window (WCAG 1.4.10 Reflow)."""
    assert _by_check(browser_results, "overflow") == {}


def test_arabic_pages_run_right_to_left_and_their_month_grid_mirrors(browser_results):
    """العربية: the whole page right to left; the month grid's week column and days flow from the right."""
    directions = {f"{r['name']} ({r['viewport']})": r["direction"] for r in browser_results["results"]}
    assert {key for key, direction in directions.items() if direction == "rtl"} == {
        key for key in directions if key.split(" ")[0].endswith("-ar")}
    flows = {(r["language"], r["viewport"]): r["calendarFlow"] for r in browser_results["results"]
             if r["name"].rsplit("-", 1)[0] == "events-month"}
    assert flows == {(language, viewport): "rtl" if language == "ar" else "ltr"
                     for language in languages() for viewport in ("desktop", "phone")
                     if any(page.name == "events-month" for page in CHECKED_PAGES)}


def test_screenshots_for_the_readme_gallery(browser_results):
    for page in CHECKED_PAGES:
        for language in languages():
            for viewport in ("desktop", "phone"):
                assert (SCREENSHOTS / f"{page.name}-{language}-{viewport}.png").stat().st_size > 1000
