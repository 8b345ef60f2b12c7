"""The calendar's pages through real URLs: month grid, day, lists with filters, archive, detail."""

import json
import re
from datetime import datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.selectors import organiser_events_in_year
from managers.models import Organisation

from .factories import EventFactory, local

pytestmark = pytest.mark.django_db

BOCHUM_SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def main_grid(html: str) -> str:
    start = html.index('<table class="cal">')
    return html[start : html.index("</table>", start)]


def linked_days(html: str) -> list[str]:
    return re.findall(r'data-date="([\d-]+)">\s*<a href', main_grid(html))


# --- month and day ------------------------------------------------------------------------------

def test_may_2008_grid_matches_the_original_sidebar(client):
    response = client.get("/veranstaltungen/2008/5/")
    assert response.status_code == 200
    grid = main_grid(main(response))
    assert re.findall(r'data-iso-week="(\d+)"', grid) == ["18", "19", "20", "21", "22"]
    headers = re.findall(r'<th scope="col"><abbr title="[^"]+">(\w+)</abbr></th>', grid)
    assert headers == ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    assert "<caption>" in grid and grid.count('scope="row"') == 5
    assert re.search(r'class="cal__day cal__day--other" data-date="2008-04-28"', grid)
    days = linked_days(main(response))
    # The monthly series (6 May), single dates, a two-day course (15/16) and an all-day festival (24).
    assert days == ["2008-05-06", "2008-05-08", "2008-05-15", "2008-05-16", "2008-05-21", "2008-05-24", "2008-05-29"]
    assert 'href="/veranstaltungen/2008/5/6/"' in grid
    assert 'href="/veranstaltungen/2008/4/"' in main(response) and 'href="/veranstaltungen/2008/6/"' in main(response)


def test_grid_includes_series_and_excludes_drafts(client):
    EventFactory(start=local(2008, 5, 12, 9), end=local(2008, 5, 12, 11), status=Event.Status.DRAFT, title_de="Geheim")
    EventFactory(start=local(2008, 5, 2, 9), end=local(2008, 5, 2, 10), rrule="FREQ=WEEKLY;COUNT=2",
                 title_de="Neue Reihe")
    html = main(client.get("/veranstaltungen/2008/5/"))
    days = linked_days(html)
    assert "2008-05-12" not in days and "Geheim" not in html
    assert {"2008-05-02", "2008-05-09"} <= set(days)


def test_day_view_lists_series_occurrence_and_running_multi_day_event(client):
    html = main(client.get("/veranstaltungen/2008/5/6/"))
    assert "Sprechstunde Familienmanagement" in html
    assert "?termin=2008-05-06" in html
    html = main(client.get("/veranstaltungen/2008/5/16/"))
    assert "Qualifizierung Familienmanagement – Modul 1" in html
    assert "keine Termine" in main(client.get("/veranstaltungen/2008/8/5/"))  # the summer break


def test_english_month_view(client):
    response = client.get("/en/events/2008/5/")
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()
    assert 'href="/en/events/2008/5/6/"' in main(response)


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "url",
    [
        "/veranstaltungen/2008/13/",
        "/veranstaltungen/0/1/",
        "/veranstaltungen/99999/1/",
        "/veranstaltungen/2008/0/",
        "/veranstaltungen/2008/2/30/",
        "/veranstaltungen/2008/5/99999999999999999999/",
        "/veranstaltungen/veranstalter/gibt-es-nicht/2008/",
        "/veranstaltungen/veranstalter/iqz/0/",
        "/veranstaltungen/gibt-es-nicht/",
        "/veranstaltungen/gibt-es-nicht.ics",
        "/veranstaltungen/werkstatt-familienfreundliche-arbeitgeberin-kommune/",  # a draft
    ],
)
def test_bad_paths_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?from=gestern",
        "?to=31.02.2008",
        "?from=2008-05-10&to=2008-05-01",
        "?from=0001-01-01",
        "?organiser=gibt-es-nicht",
        "?target=unbekannt&municipality=atlantis",
    ],
)
@pytest.mark.parametrize("path", ["/veranstaltungen/", "/veranstaltungen/archiv/"])
def test_bad_filters_give_a_friendly_empty_page(client, path, query):
    response = client.get(path + query)
    assert response.status_code == 200
    html = main(response)
    assert "können wir nicht verwenden" in html
    assert 'class="event-item"' not in html


@pytest.mark.parametrize("page", ["-1", "abc", "0", "99999", "1.5", ""])
def test_bad_page_numbers_never_fail(client, page):
    response = client.get(f"/veranstaltungen/?page={page}")
    assert response.status_code == 200
    assert 'class="event-item"' in main(response)


@pytest.mark.parametrize(
    "url",
    [
        "/veranstaltungen/kalender.ics?from=gestern",
        "/veranstaltungen/kalender.ics?organiser=gibt-es-nicht",
        "/veranstaltungen/rss/?target=unbekannt",
        "/veranstaltungen/atom/?from=gestern",
        "/veranstaltungen/sprechstunde-familienmanagement-2008/?termin=gestern",
        "/veranstaltungen/sprechstunde-familienmanagement-2008/?termin=0001-01-01",
        f"/veranstaltungen/{BOCHUM_SLUG}/?termin=2008-04-15",
    ],
)
def test_bad_feed_and_detail_parameters_never_fail(client, url):
    assert client.get(url).status_code == 200


# --- lists and filters --------------------------------------------------------------------------

def test_upcoming_list_has_series_occurrences_in_date_order_without_drafts(client):
    html = main(client.get("/veranstaltungen/"))
    assert html.count("Offene Sprechstunde des Familienbüros") >= 5  # weekly series, one per date
    assert "Entwurf" not in html and "Arbeitgeberin" not in html
    assert BOCHUM_SLUG not in html  # 2008 is archive
    starts = [datetime.fromisoformat(t if "T" in t else f"{t}T00:00:00+01:00")
              for t in re.findall(r'<p class="event-item__when"><time datetime="([^"]+)"', html)]
    assert len(starts) >= 10 and starts == sorted(starts)


def test_filters_combine_and_survive_pagination(client):
    iqz = Organisation.objects.get(slug="iqz")
    soon = timezone.now() + timedelta(days=1)
    for i in range(25):
        start = soon + timedelta(hours=i)
        EventFactory(title_de=f"Treffer {i:02d}", start=start, end=start + timedelta(minutes=30),
                     organiser=iqz, targets=["fachkraefte"])
    end = soon + timedelta(hours=1)
    EventFactory(title_de="Nur für Eltern", start=soon, end=end, organiser=iqz, targets=["eltern"])
    EventFactory(title_de="Andere Stadt", start=soon, end=end,
                 organiser=Organisation.objects.get(slug="stadt-bochum"), targets=["fachkraefte"])

    page1 = main(client.get("/veranstaltungen/", {"organiser": "iqz", "target": "fachkraefte", "q": "Treffer"}))
    assert "Nur für Eltern" not in page1 and "Andere Stadt" not in page1
    assert page1.count('class="event-item"') == 20
    next_link = unescape(re.search(r'<a href="\?([^"]+)" rel="next"', page1).group(1))
    assert "organiser=iqz" in next_link and "target=fachkraefte" in next_link and "q=Treffer" in next_link
    assert "page=2" in next_link
    page2 = main(client.get(f"/veranstaltungen/?{next_link}"))
    assert page2.count('class="event-item"') == 5
    assert "Treffer 24" in page2 and "Andere Stadt" not in page2
    assert 'rel="prev"' in page2


def test_category_municipality_and_date_range_filters(client):
    may = {"from": "2008-05-01", "to": "2008-05-31"}
    html = main(client.get("/veranstaltungen/", {**may, "municipality": "gelsenkirchen"}))
    assert "Fachtag Familienbildung im Stadtteil" in html
    assert "Spielestunden in Haushalten – Infoabend" in html
    assert "Familienfest im Stadtpark" not in html  # Bochum
    german_dates = {"from": "01.05.2008", "to": "31.05.2008"}
    html = main(client.get("/veranstaltungen/", {**german_dates, "category": "sprechstunde"}))
    assert html.count('class="event-item"') == 1 and "termin=2008-05-06" in html


def test_archive_lists_past_dates_newest_first(client):
    html = main(client.get("/veranstaltungen/archiv/", {"from": "2008-01-01", "to": "2008-12-31"}))
    assert BOCHUM_SLUG in html
    assert html.index("Jahrestagung Familienfreundliche Kommunen 2008") < html.index("Kommunalverwaltung im Fokus")
    assert "Fachtag Familienzentren und Verwaltung" not in main(client.get("/veranstaltungen/archiv/"))


def test_organiser_year_view(client):
    html = main(client.get("/veranstaltungen/veranstalter/iqz/2008/"))
    assert "<h1>Veranstaltungen des IQZ im Jahr 2008</h1>" in html
    assert BOCHUM_SLUG in html
    assert html.count("termin=2008-") == 10 and "termin=2008-08-05" not in html  # series without its exception
    assert "Familienfest im Stadtpark" not in html  # organised by the city
    html = main(client.get("/veranstaltungen/veranstalter/stadt-bochum/2008/"))
    assert "Veranstaltungen der Stadt Bochum im Jahr 2008" in html


def test_organiser_events_in_year_contract(django_assert_num_queries):
    iqz = Organisation.objects.get(slug="iqz")
    EventFactory(title_de="Entwurf 2008", start=local(2008, 6, 10), end=local(2008, 6, 10, 12),
                 status=Event.Status.DRAFT)
    items = organiser_events_in_year(organiser=iqz, year=2008)
    titles = [item.title for item in items]
    assert "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus" in titles
    assert "Entwurf 2008" not in titles and "Familienfest im Stadtpark" not in titles
    assert [item.start for item in items] == sorted(item.start for item in items)
    assert all(item.start.year == 2008 for item in items)
    bochum = next(item for item in items if item.title.startswith("Familienfreundlichkeit"))
    assert bochum.get_absolute_url() == f"/veranstaltungen/{BOCHUM_SLUG}/"
    with django_assert_num_queries(0):  # what the Werkstattreihe reads of them
        assert bochum.event.report_id is not None and all(item.event.organiser.display_name for item in items)


# --- detail -------------------------------------------------------------------------------------

def _json_ld(response) -> dict:
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_detail_has_all_fields_ics_link_and_json_ld(client):
    response = client.get(reverse("events:detail", kwargs={"slug": BOCHUM_SLUG}))
    html = main(response)
    assert "<h1>Familienfreundlichkeit – Die Kommunalverwaltung im Fokus</h1>" in html
    assert "Willy-Brandt-Platz" in html and "<address" in html
    assert f'href="/veranstaltungen/{BOCHUM_SLUG}.ics"' in html and "In Kalender eintragen" in html
    assert 'href="/veranstaltungen/veranstalter/iqz/2008/">Veranstaltungen des IQZ im Jahr 2008' in html
    data = _json_ld(response)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2008-04-15T10:00:00+02:00"
    assert data["endDate"] == "2008-04-15T16:00:00+02:00"
    assert data["location"]["address"]["addressLocality"] == "Bochum"
    assert data["organizer"]["name"] == "Informations- und Qualifizierungszentrum für Kommunen"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_json_ld_of_a_series_date_and_of_registration(client):
    data = _json_ld(client.get("/veranstaltungen/sprechstunde-familienmanagement-2008/?termin=2008-11-04"))
    assert (data["startDate"], data["endDate"]) == ("2008-11-04T14:00:00+01:00", "2008-11-04T16:00:00+01:00")
    assert data["url"] == "http://testserver/veranstaltungen/sprechstunde-familienmanagement-2008/?termin=2008-11-04"
    data = _json_ld(client.get("/veranstaltungen/qualifizierung-familienmanagement-neuer-kurs/"))
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    data = _json_ld(client.get("/veranstaltungen/familienfest-im-stadtpark-bochum-2008/"))
    assert (data["startDate"], data["endDate"]) == ("2008-05-24", "2008-05-24")


def test_json_ld_cannot_break_out_of_its_script(client):
    event = EventFactory(title_de='</script><script>alert("x")</script> & Co', lead_de="<b>fett</b>")
    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["name"] == event.title_de
    assert '<script>alert("x")' not in html


def test_series_detail_lists_its_dates(client):
    html = main(client.get("/veranstaltungen/sprechstunde-familienmanagement-2008/"))
    assert "Termine der Reihe" in html
    assert html.count("?termin=2008-") == 10
    html = main(client.get("/veranstaltungen/offene-sprechstunde-familienbuero-gelsenkirchen/"))
    assert "Die nächsten Termine" in html


def test_english_content_with_german_fallback(client):
    html = main(client.get(f"/en/events/{BOCHUM_SLUG}/"))
    assert "Family-friendliness – the municipal administration in focus" in html
    event = EventFactory(title_de="Nur deutsch")
    assert "Nur deutsch" in main(client.get(f"/en/events/{event.slug}/"))


# --- plugins ------------------------------------------------------------------------------------

@time_machine.travel(local(2027, 3, 28, 12), tick=False)
def test_mini_calendar_in_the_sidebar_of_content_pages(client):
    html = client.get("/qualifizierung/").content.decode()
    aside = html[html.index('<aside class="two-col__aside') :]
    aside = aside[: aside.index("</aside>")]
    assert 'class="cal cal--mini"' in aside
    assert '<caption><a href="/veranstaltungen/2027/3/">März 2027</a></caption>' in aside
    assert 'data-date="2027-03-28" aria-current="date">' in aside
    assert 'href="/veranstaltungen/2027/2/" rel="nofollow"' in aside and 'href="/veranstaltungen/2027/4/"' in aside
    assert re.findall(r'data-iso-week="(\d+)"', aside)
    assert 'href="/veranstaltungen/">alle Termine</a>' in aside


def test_mini_calendar_follows_the_month_page(client):
    html = client.get("/veranstaltungen/2008/5/").content.decode()
    aside = html[html.index('<aside class="two-col__aside') :]
    aside = aside[: aside.index("</aside>")]
    assert re.findall(r'data-iso-week="(\d+)"', aside) == ["18", "19", "20", "21", "22"]


def test_upcoming_events_plugin_on_the_home_page(client):
    html = client.get("/").content.decode()
    assert "Nächste Termine" in html
    assert "Fachtag Familienzentren und Verwaltung" in html


def test_detail_lists_downloads_and_reads_them_only_where_there_are_some(client, uncached):
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from filer.models import File as FilerFile

    from events.models import EventDownload

    pdf = FilerFile.objects.create(file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="programm.pdf"),
                                   original_filename="programm.pdf")
    with_download = EventFactory(title_de="Mit Programm")
    EventDownload.objects.create(event=with_download, file=pdf, title_de="Programm & Anfahrt")
    without = EventFactory(title_de="Ohne Programm")
    for event in (with_download, without):
        with CaptureQueriesContext(connection) as queries:
            html = main(client.get(event.get_absolute_url()))
        assert ("<h2>Downloads</h2>" in html) == (event is with_download)
        download_reads = [q for q in queries if q["sql"].startswith('SELECT "events_eventdownload"')]
        assert len(download_reads) == (1 if event is with_download else 0)
    assert 'programm.pdf">Programm &amp; Anfahrt</a> <span class="meta">(PDF,' in main(
        client.get(with_download.get_absolute_url())
    )
