"""The public pages of the Werkstattreihe: list, detail, preview, bad input, query counts."""

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workshops.factories import ContributionFactory, WorkshopFactory, bulk_published_workshops
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

BOCHUM_SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"
BOCHUM_TITLE = "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus"
MODELS = [
    "Amt für kommunale Familienpolitik",
    "Stabsstellen",
    "Federführung",
    "Projektorganisation",
    "Koordinationsgremien",
    "Horizontale Zentralisierung einer Querschnittsaufgabe",
]
QUOTE = "Die beste Lösung ist ein Amt für Familienpolitik."


def _bochum_url():
    return reverse("workshops:detail", kwargs={"slug": BOCHUM_SLUG})


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def _ranked_list(html: str) -> list[str]:
    ranking = html[html.index('class="ranking__list"') :]
    ranking = ranking[: ranking.index("</ol>")]
    return re.findall(r'<span class="ranking__label">([^<]+)</span>', ranking)


# --- list -------------------------------------------------------------------------------------


def test_list_shows_published_reports_newest_first(client):
    response = client.get(reverse("workshops:list"))
    assert response.status_code == 200
    html = _main(response.content.decode())
    titles = re.findall(r'class="workshop-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert len(titles) == 3, "three per page"
    dates = list(Workshop.objects.published().order_by("-date").values_list("title_de", flat=True)[:3])
    assert titles == dates
    assert BOCHUM_TITLE not in html, "the oldest report is on page 2"


def test_list_second_page_has_the_bochum_report_with_pagination(client):
    html = client.get(reverse("workshops:list"), {"page": 2}).content.decode()
    assert unescape(BOCHUM_TITLE) in unescape(_main(html))
    assert "April 2008" in html
    assert 'class="pagination"' in html and 'rel="prev"' in html


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({"year": "2008"}, ["Familienfreundlichkeit – Die Kommunalverwaltung im Fokus"], ["Familien beteiligen"]),
        ({"city": "bochum"}, ["Familienfreundlichkeit – Die Kommunalverwaltung im Fokus"], ["Familienbüros"]),
        ({"city": "muenster"}, ["Familienbüros als Anlaufstelle"], ["Kommunalverwaltung im Fokus"]),
        ({"year": "2011", "city": "gelsenkirchen"}, ["Daten für die Familienpolitik"], ["Familienbüros"]),
    ],
)
def test_list_filters_by_year_and_city(client, params, expected, absent):
    response = client.get(reverse("workshops:list"), params)
    assert response.status_code == 200
    html = _main(response.content.decode())
    for title in expected:
        assert title in html
    for title in absent:
        assert title not in html


def test_filter_keeps_selection_in_the_form(client):
    html = client.get(reverse("workshops:list"), {"year": "2008"}).content.decode()
    assert '<option value="2008" selected>2008</option>' in html
    assert '<label for="id_year">' in html and '<label for="id_city">' in html


@pytest.mark.parametrize("query", ["page=abc", "page=999", "page=0", "page=-1", "page=1.5"])
def test_bad_page_numbers_give_404_not_500(client, query):
    response = client.get(reverse("workshops:list") + "?" + query)
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["year=20x8", "year=1999", "city=atlantis", "series=nope", "city=<b>"])
def test_bad_filter_values_show_the_first_page_with_a_message(client, query):
    response = client.get(reverse("workshops:list") + "?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein Filterwert war ungültig" in html
    assert len(re.findall(r'class="workshop-card__title"', html)) == 3
    assert "<b>" not in _main(html)


def test_unknown_slug_is_404(client):
    assert client.get(reverse("workshops:detail", kwargs={"slug": "gibt-es-nicht"})).status_code == 404


# --- detail -----------------------------------------------------------------------------------


def test_detail_renders_the_bochum_report_as_a_report(client):
    response = client.get(_bochum_url())
    assert response.status_code == 200
    html = _main(response.content.decode())
    assert f"<h1>{BOCHUM_TITLE}</h1>" in html
    assert '<time datetime="2008-04">April 2008</time>' in html
    assert "<dd>Bochum</dd>" in html
    assert "(IQZ)" in html
    assert '<p class="lead">Übergreifende Verwaltungsstrukturen allein reichen nicht aus' in html
    # the pull quote with its caption
    assert f'<blockquote class="pull-quote__text"><p>{QUOTE}</p></blockquote>' in html
    assert "Verwaltungsexperte Prof. Dr. Jörg Bogumil: „Die beste Lösung ist ein Amt für Familienpolitik.“" in html
    # the six models in their order, as an ordered list
    assert _ranked_list(html) == MODELS
    assert "In der Rangfolge von „stark“ nach „schwach“" in html
    # both speakers
    assert "<h3>Prof. Dr. Jörg Bogumil</h3>" in html
    assert "Ruhr-Universität Bochum" in html
    assert "<h3>Thomas Frings</h3>" in html
    assert "Abteilungsleiter „Besondere soziale Dienste“, Stadt Gelsenkirchen" in html
    assert '<h2 id="fazit">Fazit</h2>' in html
    # sections in report order
    order = ["pull-quote", 'id="rangfolge"', 'id="beitraege"', 'id="fazit"']
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_detail_in_english_under_its_english_slug(client):
    workshop = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    url = workshop.get_absolute_url("en")
    assert url == "/en/workshop-series/family-friendliness-the-municipal-administration-in-focus/"
    html = client.get(url).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    main = _main(html)
    assert "<h1>Family-friendliness – the municipal administration in focus</h1>" in main
    assert "The best solution is an office for family policy." in main
    assert _ranked_list(main)[0] == "Municipal office for family policy"
    assert "City of Gelsenkirchen" in main


def test_language_switch_leads_to_the_report_in_the_other_language(client):
    html = client.get(_bochum_url()).content.decode()
    english = "/en/workshop-series/family-friendliness-the-municipal-administration-in-focus/"
    assert f'href="{english}" hreflang="en"' in html


def test_other_language_slug_redirects_to_the_canonical_address(client):
    response = client.get(f"/en/workshop-series/{BOCHUM_SLUG}/")
    assert response.status_code == 301
    assert response["Location"] == "/en/workshop-series/family-friendliness-the-municipal-administration-in-focus/"


def test_detail_has_open_graph_meta_description_and_json_ld(client):
    html = client.get(_bochum_url()).content.decode()
    head = html[: html.index("</head>")]
    assert '<meta name="description" content="Übergreifende Verwaltungsstrukturen' in head
    assert '<meta property="og:type" content="article">' in head
    assert f'<meta property="og:title" content="{BOCHUM_TITLE}">' in head
    assert f'<link rel="canonical" href="http://testserver{_bochum_url()}">' in head
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Article"
    assert data["headline"] == BOCHUM_TITLE
    assert data["about"]["@type"] == "Event"
    assert data["about"]["startDate"] == "2008-04"
    assert data["about"]["location"]["name"] == "Bochum"
    assert {p["name"] for p in data["about"]["performer"]} == {"Prof. Dr. Jörg Bogumil", "Thomas Frings"}
    # no other inline script on the page
    assert len(re.findall(r"<script(?![^>]*\bsrc=)", html)) == 1


def test_json_ld_cannot_break_out_of_its_script_element(client):
    workshop = WorkshopFactory(title_de="</script><script>alert(1)</script> & <!--")
    html = client.get(workshop.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    payload = match.group(1)
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload)["headline"] == "</script><script>alert(1)</script> & <!--"


def test_rich_text_is_sanitized_before_it_reaches_the_page(client):
    workshop = WorkshopFactory(
        body_de='<p>Gut</p><script>alert("x")</script><img src="x.png" alt="" onerror="alert(1)">',
        conclusion_de='<p onclick="alert(2)">Fazit</p><iframe src="//evil.example"></iframe>',
    )
    ContributionFactory(workshop=workshop, summary_de='<p>Ok</p><a href="javascript:alert(3)">Link</a>')
    workshop.refresh_from_db()
    assert "<script" not in workshop.body_de and "onerror" not in workshop.body_de
    html = _main(client.get(workshop.get_absolute_url()).content.decode())
    assert "<p>Gut</p>" in html
    for dangerous in ["<script", "onerror", "onclick", "<iframe", "javascript:"]:
        assert dangerous not in html


def test_plain_text_fields_are_escaped(client):
    workshop = WorkshopFactory(teaser_de="<b>fett</b>", title_de="A <i>b</i>")
    html = _main(client.get(workshop.get_absolute_url()).content.decode())
    assert "&lt;b&gt;fett&lt;/b&gt;" in html and "<b>fett</b>" not in html


def test_breadcrumb_ends_with_the_report(client):
    html = client.get(_bochum_url()).content.decode()
    crumbs = html[html.index('class="breadcrumb__list"') :]
    crumbs = crumbs[: crumbs.index("</ol>")]
    assert 'href="/werkstattreihe/">Werkstattreihe</a>' in crumbs
    assert f'<span aria-current="page">{BOCHUM_TITLE}</span>' in crumbs


# --- drafts and preview -----------------------------------------------------------------------


@pytest.fixture
def draft():
    return WorkshopFactory(title_de="Geheimer Entwurf", slug_de="geheimer-entwurf", status=Workshop.Status.DRAFT)


def test_drafts_are_invisible_to_the_public(client, draft):
    assert client.get(reverse("workshops:detail", kwargs={"slug": "geheimer-entwurf"})).status_code == 404
    for page in (1, 2):
        assert "Geheimer Entwurf" not in client.get(reverse("workshops:list"), {"page": page}).content.decode()
    assert "Geheimer Entwurf" not in client.get("/").content.decode()


def test_anonymous_preview_is_404(client, draft):
    assert client.get(draft.get_preview_url()).status_code == 404


def test_iqz_editor_previews_a_draft(iqz_client, draft):
    response = iqz_client.get(draft.get_preview_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Geheimer Entwurf</h1>" in html
    assert "Dieser Bericht ist ein Entwurf und nicht öffentlich" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<link rel="canonical"' not in html
    # the public address stays closed, even for the editor
    assert iqz_client.get(reverse("workshops:detail", kwargs={"slug": "geheimer-entwurf"})).status_code == 404


def test_municipal_editor_cannot_preview(bochum_client, draft):
    assert bochum_client.get(draft.get_preview_url()).status_code == 404


def test_preview_of_unknown_report_is_404(iqz_client):
    assert iqz_client.get(reverse("workshops:preview", kwargs={"pk": 999999})).status_code == 404


# --- "Weitere Veranstaltungen des IQZ im Jahr 2008" ---------------------------------------------


def test_events_block_lists_the_organisers_other_events_of_that_year(client):
    from events.models import Event

    html = _main(client.get(_bochum_url()).content.decode())
    assert "Weitere Veranstaltungen des IQZ im Jahr 2008" in html
    others = Event.objects.published().filter(organiser__slug="iqz", start__year=2008).exclude(report__isnull=False)
    assert others.exists()
    for event in others:
        assert event.get_absolute_url() in html
    # The workshop the report is about is not a "further" event.
    own = Event.objects.get(report__slug_de=BOCHUM_SLUG)
    assert f'href="{own.get_absolute_url()}"' not in html


def test_events_block_leaves_out_drafts_and_hides_when_empty(client):
    from events.models import Event

    iqz_2008 = Event.objects.filter(organiser__slug="iqz", start__year=2008, report__isnull=True)
    draft = iqz_2008.first()
    draft.status = Event.Status.DRAFT
    draft.save()
    assert draft.get_absolute_url() not in _main(client.get(_bochum_url()).content.decode())

    for event in iqz_2008:
        event.status = Event.Status.DRAFT
        event.save()
    assert "Weitere Veranstaltungen" not in client.get(_bochum_url()).content.decode()


def test_event_of_the_workshop_links_to_its_report(client):
    from events.models import Event

    event = Event.objects.get(report__slug_de=BOCHUM_SLUG)
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{_bochum_url()}"' in html
    report = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    report.status = Workshop.Status.DRAFT
    report.save()
    assert "Bericht zur Veranstaltung lesen" not in client.get(event.get_absolute_url()).content.decode()


# --- query counts independent of the amount of data -------------------------------------------
# Complete renders (caches off), anonymous, with the site-wide sidebar: list 27 (the page's title and
# placeholder are read by django CMS's own tags now), detail 26. The bounds leave a little room for
# the sidebar plugins of the other apps; the equality test below is the exact guard. With the
# caches on see test_caching.py. The list also links its page in Leichte Sprache ({% easy_read_link %})
# and the header the pages in Leichte Sprache and Gebärdensprache, each a page lookup when the caches
# are off: a few more, as many for 3 reports as for 300.
LIST_MAX_QUERIES = 32
DETAIL_MAX_QUERIES = 28
LIST_REQUESTS = [{}, {"page": 2}, {"year": "2012"}, {"city": "bochum", "page": 1}]


def _query_count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("extra", [3, 300])
def test_list_query_count_does_not_grow_with_reports(client, uncached, django_assert_max_num_queries, extra):
    bulk_published_workshops(extra, year=2012)
    client.get(reverse("workshops:list"))  # warm the per-process caches (content types, site) like a server
    for params in LIST_REQUESTS:
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            response = client.get(reverse("workshops:list"), params)
        assert response.status_code == 200


@pytest.mark.parametrize("extra", [3, 300])
def test_detail_query_count_does_not_grow_with_reports(client, uncached, django_assert_max_num_queries, extra):
    bulk_published_workshops(extra, year=2012)
    workshop = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    ContributionFactory.create_batch(extra, workshop=workshop)
    client.get(_bochum_url())
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        response = client.get(_bochum_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="contribution"') == extra + 2


def test_same_number_of_queries_for_3_and_300_reports(client, uncached):
    workshop = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    bulk_published_workshops(3, year=2012)
    urls = [(reverse("workshops:list"), params) for params in LIST_REQUESTS] + [(_bochum_url(), None)]
    for url, params in urls:
        client.get(url, params or {})
    small = [_query_count(client, url, params) for url, params in urls]
    bulk_published_workshops(297, year=2013)
    ContributionFactory.create_batch(100, workshop=workshop)
    for url, params in urls:  # the new content generation's first request reads the page schedule once
        client.get(url, params or {})
    large = [_query_count(client, url, params) for url, params in urls]
    assert small == large
