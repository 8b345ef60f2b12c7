"""
What the Werkstattreihe keeps for visitors (familie_portal.caching) with the page cache off: the
report's article on the detail page (a part) and the list filter's choices (data). Each is served
from the cache on the next request, identical to a full render, and any saved change of the report
or what it shows (talks, quotes, place, the organiser's events) shows on the very next request.
"""

import io
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from managers.models import Municipality
from tests.events.factories import EventFactory, local
from tests.workshops.factories import WorkshopFactory
from workshops.models import Contribution, Workshop

pytestmark = pytest.mark.django_db

BOCHUM_SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"


@pytest.fixture
def report():
    return Workshop.objects.get(slug_de=BOCHUM_SLUG)


def _get(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


# --- the report -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_report_is_served_from_the_cache_identically(client, pages_uncached, report, language, settings):
    url = report.get_absolute_url(language)
    first_count, first = _get(client, url)
    second_count, second = _get(client, url)
    assert second == first
    assert second_count <= first_count - 5, "no quotes, ranked list, downloads or organiser's dates read"
    settings.PORTAL_CACHES = False
    assert _get(client, url)[1] == first, "the cached part is exactly a full render"


def test_saved_report_shows_at_once(client, pages_uncached, report):
    url = report.get_absolute_url()
    client.get(url)
    report.title_de = "Neuer Titel des Berichts"
    report.conclusion_de = "<p>Ein neues Fazit.</p>"
    report.save()
    html = _get(client, url)[1]
    assert "<h1>Neuer Titel des Berichts</h1>" in _main(html)
    assert "<p>Ein neues Fazit.</p>" in html
    assert _json_ld(html)["headline"] == "Neuer Titel des Berichts"


def test_saved_contribution_shows_at_once_in_report_and_json_ld(client, pages_uncached, report):
    url = report.get_absolute_url()
    client.get(url)
    contribution = Contribution.objects.get(workshop=report, name__contains="Frings")
    contribution.name = "Thomas Frings-Neumann"
    contribution.save()
    html = _get(client, url)[1]
    assert "<h3>Thomas Frings-Neumann</h3>" in _main(html)
    assert "Thomas Frings-Neumann" in {p["name"] for p in _json_ld(html)["about"]["performer"]}


def test_saved_place_and_new_event_show_at_once(client, pages_uncached, report):
    url = report.get_absolute_url()
    client.get(url)
    city = Municipality.objects.get(pk=report.city_id)
    city.name = "Bochum (Ruhr)"
    city.save()
    EventFactory(title_de="Ganz neue Veranstaltung", start=local(2008, 1, 15), organiser=report.organiser)
    html = _main(_get(client, url)[1])
    assert "<dd>Bochum (Ruhr)</dd>" in html
    assert "Ganz neue Veranstaltung" in html


def test_unpublished_event_leaves_the_report_at_once(client, pages_uncached, report):
    url = report.get_absolute_url()
    event = Event.objects.get(slug="fachtag-familienbildung-im-stadtteil")
    assert event.title_de in _get(client, url)[1]
    event.status = Event.Status.DRAFT
    event.save()
    assert event.title_de not in _get(client, url)[1]


def test_unpublished_report_is_gone_at_once(client, pages_uncached, report):
    url = report.get_absolute_url()
    client.get(url)
    report.status = Workshop.Status.DRAFT
    report.save()
    assert client.get(url).status_code == 404


def _png(name="foto.png"):
    from django.core.files.base import ContentFile
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), (0, 89, 79)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def test_og_image_and_json_ld_follow_the_host(client, pages_uncached, report):
    from filer.models import Image

    image = Image.objects.create(file=_png(), original_filename="foto.png")
    report.image = image
    report.save()
    url = report.get_absolute_url()
    client.get(url)
    html = client.get(url).content.decode()
    assert f'<meta property="og:image" content="http://testserver{image.url}">' in html
    other = client.get(url, HTTP_HOST="localhost").content.decode()
    assert f'<meta property="og:image" content="http://localhost{image.url}">' in other
    assert _json_ld(other)["url"] == f"http://localhost{url}", "the JSON-LD names the host asked for"
    assert _json_ld(other)["image"] == f"http://localhost{image.url}"


def test_new_quote_photo_shows_at_once(client, pages_uncached, report):
    from filer.models import Image

    url = report.get_absolute_url()
    client.get(url)
    quote = report.quotes.first()
    quote.photo = Image.objects.create(file=_png("portrait.png"), original_filename="portrait.png")
    quote.photo_alt_de = "Porträt des Redners"
    quote.save()
    assert 'alt="Porträt des Redners"' in _main(client.get(url).content.decode())


def test_editors_get_a_fresh_render(iqz_client, pages_uncached, report):
    anonymous = Client()
    url = report.get_absolute_url()
    iqz_client.get(url)  # an editor's first request saves their toolbar settings: a new generation
    anonymous.get(url)
    # A change the generation does not see (raw SQL): visitors keep the cached article, editors never get it.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE workshops_workshop SET body_de = %s WHERE id = %s", ["<p>Vom Redakteur</p>", report.pk])
    assert "<p>Vom Redakteur</p>" in _get(iqz_client, url)[1]
    assert "<p>Vom Redakteur</p>" not in _get(anonymous, url)[1]


# --- the list -------------------------------------------------------------------------------------


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_list_filter_choices_are_read_once(client, pages_uncached, settings):
    url = reverse("workshops:list")
    counts = []
    for params in ({}, {"year": "2008"}, {"page": "2"}, {"city": "bochum"}):
        first_count, first = _get(client, url, params)
        second_count, second = _get(client, url, params)
        assert second == first
        counts += [first_count, second_count]
        settings.PORTAL_CACHES = False
        assert _get(client, url, params)[1] == first
        settings.PORTAL_CACHES = True
    assert counts[0] - 3 >= max(counts[1:]), "the filter's choices are read once"


def test_list_filter_follows_its_values(client, pages_uncached):
    url = reverse("workshops:list")
    assert '<option value="2008" selected>' not in client.get(url).content.decode()
    assert '<option value="2008" selected>' in client.get(url, {"year": "2008"}).content.decode()
    assert 'href="/werkstattreihe/">Alle Berichte</a>' not in client.get(url).content.decode()
    assert 'href="/werkstattreihe/">Alle Berichte</a>' in client.get(url, {"page": "2"}).content.decode()


def test_invalid_filter_value_is_shown_not_cached(client, pages_uncached):
    url = reverse("workshops:list")
    client.get(url)
    for _ in range(2):
        html = client.get(url, {"year": "1999"}).content.decode()
        assert "Ein Filterwert war ungültig" in html
        assert 'class="errorlist" id="id_year_error"' in html
    assert "errorlist" not in client.get(url).content.decode()


def test_new_report_shows_at_once_in_list_and_filter(client, pages_uncached):
    url = reverse("workshops:list")
    client.get(url)
    before = client.get(url).content.decode()
    assert "2031" not in _options(before, "year")
    count = Workshop.objects.published().count()
    assert f"{count} Berichte</p>" in before
    WorkshopFactory(title_de="Bericht aus der Zukunft", date=date(2031, 5, 1),
                    city=Municipality.objects.get(slug="muenster"))
    html = client.get(url).content.decode()
    assert "Bericht aus der Zukunft" in _main(html)
    assert f"{count + 1} Berichte</p>" in html
    assert "2031" in _options(html, "year")
    html = client.get(url, {"year": "2031"}).content.decode()
    assert "Ein Filterwert war ungültig" not in html
    assert "Bericht aus der Zukunft" in _main(html)


def test_saved_card_shows_at_once(client, pages_uncached):
    url = reverse("workshops:list")
    newest = Workshop.objects.published().order_by("-date", "-pk").first()
    client.get(url)
    newest.teaser_de = "Ein ganz neuer Vorspann."
    newest.save()
    assert "Ein ganz neuer Vorspann." in _main(client.get(url).content.decode())


# --- the "Neueste Werkstattberichte" plugin --------------------------------------------------------


def _latest(html: str) -> str:
    start = html.index('<section class="latest-workshops"')
    return html[start : html.index("</section>", start)]


def test_published_and_unpublished_report_show_at_once_on_the_home_page(client, pages_uncached):
    client.get("/")
    workshop = WorkshopFactory(title_de="Frisch veröffentlicht", date=date(2031, 1, 1))
    assert "Frisch veröffentlicht" in _latest(client.get("/").content.decode())
    workshop.status = Workshop.Status.DRAFT
    workshop.save()
    assert "Frisch veröffentlicht" not in _latest(client.get("/").content.decode())


def test_changed_plugin_count_shows_at_once(client, pages_uncached):
    from workshops.models import LatestWorkshops

    plugin = LatestWorkshops.objects.first()
    client.get("/")
    plugin.count = 1
    plugin.save()
    assert _latest(client.get("/").content.decode()).count('class="card workshop-card"') == 1
