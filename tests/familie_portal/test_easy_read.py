"""
Leichte Sprache and Deutsche Gebärdensprache in the demo: a page in Leichte Sprache for the portal and for each
section, reachable from the header and from the section's own page ({% easy_read_link %}, found by reverse_id),
laid out for Leichte Sprache and marked as German in every language; the page for Deutsche Gebärdensprache with
its self-hosted video, German captions and transcript.
"""

import re

import pytest
from cms.models import Page

pytestmark = pytest.mark.django_db

EASY_READ = '<article class="cms-content easy-read" lang="de">'
# (section page, its page in Leichte Sprache)
SECTIONS = [
    ("/werkstattreihe/", "/leichte-sprache/werkstattreihe/"),
    ("/veranstaltungen/", "/leichte-sprache/veranstaltungen/"),
    ("/familienmanager/", "/leichte-sprache/familienmanager/"),
    ("/kontakt/", "/leichte-sprache/kontakt/"),
]
EASY_READ_PAGES = ["/leichte-sprache/"] + [easy for _section, easy in SECTIONS]


def _article(html: str) -> str:
    start = html.index(EASY_READ)
    return html[start : html.index("</article>", start)]


def _header(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


@pytest.mark.parametrize("path", EASY_READ_PAGES)
def test_each_page_in_leichte_sprache_is_german_in_its_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    article = _article(response.content.decode())
    assert "<h1>" in article and "<h2>" in article


@pytest.mark.parametrize("path", EASY_READ_PAGES)
def test_leichte_sprache_keeps_its_rules(client, path):
    article = _article(client.get(path).content.decode())
    text = re.sub(r"<[^>]+>", "\n", article)
    for paragraph in re.findall(r"<p>(.*?)</p>", article, flags=re.S):
        sentence = re.sub(r"<[^>]+>", "", paragraph)
        assert not re.search(r"[.!?] +\S", sentence), f"one sentence per line: {sentence!r}"
    long_words = [word for word in re.split(r"[^\wäöüÄÖÜß]+|_", text) if len(word) > 15]
    assert not long_words, "long words are split with a Mediopunkt"
    assert "·" in text


def test_english_visitors_get_the_same_german_text_marked_as_german(client):
    html = client.get("/en/leichte-sprache/werkstattreihe/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Was ist die Werkstatt·reihe?" in _article(html)


@pytest.mark.parametrize("path", ["/", "/werkstattreihe/", "/impressum/", "/leichte-sprache/kontakt/"])
def test_header_links_leichte_sprache_and_gebaerdensprache_with_pictograms(client, path):
    header = _header(client.get(path).content.decode())
    for href, icon, label in [("/leichte-sprache/", "leichte-sprache.svg", "Leichte Sprache"),
                              ("/gebaerdensprache/", "gebaerdensprache.svg", "Gebärdensprache")]:
        link = re.search(rf'<a class="access-links__link" href="{href}" hreflang="de">(.*?)</a>', header, re.S)
        assert link, href
        assert re.search(rf'<img src="/static/img/{icon}" alt="" width="28" height="28"> {label}$', link[1])


def test_header_links_in_english(client):
    header = _header(client.get("/en/").content.decode())
    assert 'href="/en/leichte-sprache/" hreflang="de">' in header and "> Easy-to-read German</a>" in header
    assert 'href="/en/gebaerdensprache/" hreflang="de">' in header and "> Sign language</a>" in header


@pytest.mark.parametrize(("section", "easy_read"), SECTIONS)
def test_each_section_links_its_page_in_leichte_sprache(client, section, easy_read):
    html = client.get(section).content.decode()
    main = html[html.index('<main id="inhalt"') :]
    assert re.search(rf'<p class="easy-read-link"><a href="{easy_read}" hreflang="de"><img [^>]+> '
                     r"Diese Seite in Leichter Sprache</a></p>", main)
    assert client.get(easy_read).status_code == 200


def test_section_link_in_english(client):
    html = client.get("/en/workshop-series/").content.decode()
    assert 'href="/en/leichte-sprache/werkstattreihe/" hreflang="de"' in html
    assert "This page in easy-to-read German</a>" in html


def test_a_page_without_a_counterpart_has_no_link(client):
    assert 'class="easy-read-link"' not in client.get("/impressum/").content.decode()


def test_without_the_page_in_leichte_sprache_the_section_has_no_link(client):
    # Production needs none of these pages: without one, the section's page simply has no link.
    Page.objects.filter(reverse_id="leichte-sprache-werkstattreihe").update(reverse_id=None)
    response = client.get("/werkstattreihe/")
    assert response.status_code == 200
    assert 'class="easy-read-link"' not in response.content.decode()


def test_the_sign_language_page_has_the_captioned_video_and_its_transcript(client):
    response = client.get("/gebaerdensprache/")
    assert response.status_code == 200
    html = response.content.decode()
    article = html[html.index('<article class="cms-content sign-language" lang="de">') :]
    video = re.search(r"<video controls[^>]*>(.*?)</video>", article, re.S)
    assert video
    assert re.search(r'<source src="/media/[^"]+\.webm" type="video/webm">', video[1])
    assert re.search(r'<track kind="captions" src="/media/[^"]+\.vtt" srclang="de" label="Deutsch" default>',
                     video[1])
    assert "<summary>Transkript</summary>" in article
    assert "Video in Gebärdensprache folgt." in article
    assert "Deutscher Gebärdensprache (DGS)" in article  # the page's German text


def test_the_sign_language_video_is_shipped_with_german_captions():
    from pathlib import Path

    from blocks.demo_content import MEDIA

    assert Path(MEDIA, "gebaerdensprache-platzhalter.webm").stat().st_size < 100_000
    captions = Path(MEDIA, "gebaerdensprache-platzhalter.vtt").read_text(encoding="utf-8")
    assert captions.startswith("WEBVTT\n") and "Gebärdensprache" in captions
