"""
The print stylesheet (static/css/print.css) on paper, in headless Chromium with print media emulated
(tests/browser/print.mjs): on an event page and a report page no header, navigation, language chooser,
skip link, breadcrumb, sidebar, footer or forms; the event's date and place under its title, before the
lead and the description; links with their address written out; text in black only. A PDF and a
screenshot of each page land in artifacts/print/.
"""

import json
import subprocess

import pytest

from tests.browser.test_public_pages import HERE, browser_tools
from tests.quality.support import ROOT, Server, database_url
from tests.quality.urls import PUBLIC_PAGES

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

OUTPUT = ROOT / "artifacts" / "print"
CHROME = [".skip-link", ".site-header", ".main-nav", ".lang-switch", ".breadcrumb", ".sidebar", ".site-footer",
          ".events-nav", "form", ".registration-box"]
ORDER = {
    "event-detail": [".event h1", ".event__facts", ".event .lead", ".event__description"],
    "report-detail": [".workshop-report h1", ".workshop-report__facts", ".workshop-report .lead",
                      ".workshop-report__body"],
}


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
    paths = {page.name: page.path for page in PUBLIC_PAGES}
    server = Server(env={"DATABASE_URL": url, "CONN_MAX_AGE": "60"}, threads=2)
    try:
        config = tmp_path_factory.mktemp("print") / "config.json"
        config.write_text(json.dumps({
            "baseUrl": server.url, "executablePath": chromium, "outputDir": str(OUTPUT), "chrome": CHROME,
            "pages": [{"name": name, "path": paths[name], "order": order} for name, order in ORDER.items()],
        }))
        result = subprocess.run([node, str(HERE / "print.mjs"), str(config)], cwd=HERE,
                                capture_output=True, text=True, timeout=300)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    return {r["name"]: r for r in json.loads(result.stdout)["results"]}


def test_no_navigation_footer_or_forms_on_paper(printed):
    assert {name: r["errors"] or r["chromeShown"] for name, r in printed.items()} == {name: [] for name in ORDER}


def test_date_and_place_come_first(printed):
    for name, order in ORDER.items():
        tops = printed[name]["tops"]
        assert None not in tops.values(), f"{name}: every part is printed: {tops}"
        assert [tops[selector] for selector in order] == sorted(tops.values()), f"{name}: {tops}"


def test_links_are_written_out_in_black(printed):
    for result in printed.values():
        assert result["links"] and result["linksWithAddress"] == result["links"], result
        assert result["textColours"] == ["rgb(0, 0, 0)"], result["textColours"]


def test_a_pdf_of_each_page(printed):
    for name in ORDER:
        assert (OUTPUT / f"print-{name}.pdf").read_bytes().startswith(b"%PDF")
