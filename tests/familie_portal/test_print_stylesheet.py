"""Every page links the print stylesheet for print media only (an event page and a report page here);
what it does on paper is checked in the browser (tests/browser/test_print.py)."""

from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from tests.quality.urls import PUBLIC_PAGES, in_every_language

PAGES = ["event-detail", "report-detail", "home"]  # each in every language


class _Stylesheets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.links.append((attributes["href"], attributes.get("media")))


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_the_print_stylesheet_is_linked_for_print_only(client, name):
    for _language, page in in_every_language(client, [page for page in PUBLIC_PAGES if page.name == name]):
        parser = _Stylesheets()
        parser.feed(client.get(page.path).content.decode())
        printed = [(href, media) for href, media in parser.links if href.endswith("/print.css")]
        assert printed == [("/static/css/print.css", "print")], page.path
        assert all(media is None for href, media in parser.links if not href.endswith("/print.css")), parser.links


def test_the_print_stylesheet_hides_the_chrome_and_writes_out_links():
    with open(finders.find("css/print.css"), encoding="utf-8") as file:
        css = file.read()
    for selector in (".skip-link", ".main-nav", ".lang-switch", ".site-footer", ".breadcrumb", "form"):
        assert selector in css.split("{ display: none !important; }")[0], selector
    assert 'a[href^="http"]::after' in css and 'content: " (" attr(href) ")"' in css
    assert "break-inside: avoid" in css
