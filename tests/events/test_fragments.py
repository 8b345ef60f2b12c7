"""
The calendar's cached fragments (familie_portal.fragments): the month's grid and dates, keyed by
month and - while the grid shows it - today; the filter form, keyed by the submitted values. A
saved change shows on the next request; the cached HTML is what a full render gives.
"""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import selectors
from events.models import Category, Event
from events.selectors import upcoming_occurrences
from managers.models import Organisation

from .factories import EventFactory, bulk_events

pytestmark = pytest.mark.django_db
MONTH = "/veranstaltungen/2008/5/"


def _get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return len(queries), html[html.index("<main") : html.index("</main>")]


def test_month_is_rendered_once_and_served_as_rendered(client, pages_uncached, settings):
    first_count, first = _get(client, MONTH)
    second_count, second = _get(client, MONTH)
    assert second_count < first_count, "grid and dates come from the cache: no query for the month's events"
    assert second == first
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    assert _get(client, MONTH)[1] == first, "the cached fragment is exactly what a full render gives"


def test_a_saved_event_shows_in_the_month_at_once(client, pages_uncached):
    assert "Familienfest im Stadtpark" in _get(client, MONTH)[1]
    event = Event.objects.get(slug="familienfest-im-stadtpark-bochum-2008")
    event.title_de = "Sommerfest im Stadtpark"
    event.save()
    html = _get(client, MONTH)[1]
    assert "Sommerfest im Stadtpark" in html and "Familienfest im Stadtpark" not in html
    event.status = Event.Status.DRAFT
    event.save()
    html = _get(client, MONTH)[1]
    assert "Sommerfest im Stadtpark" not in html
    assert 'data-date="2008-05-24"><span class="cal__num">' in html, "its day is no longer linked"


def test_a_renamed_organiser_shows_on_the_cards_at_once(client, pages_uncached):
    _get(client, MONTH)
    iqz = Organisation.objects.get(slug="iqz")
    iqz.short_name = "IQZ NRW"
    iqz.save()
    assert '<p class="meta">IQZ NRW' in _get(client, MONTH)[1]


def _today(html: str) -> list[str]:
    return re.findall(r'<td class="[^"]*cal__day--today[^"]*" data-date="([\d-]+)" aria-current="date">', html)


def test_the_month_marks_today_whatever_day_it_is(client, pages_uncached, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2008, 5, 6))
    assert _today(_get(client, MONTH)[1]) == ["2008-05-06"]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2008, 5, 7))
    assert _today(_get(client, MONTH)[1]) == ["2008-05-07"]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2008, 7, 1))
    assert 'aria-current="date"' not in _get(client, MONTH)[1]


def _filters(html: str) -> str:
    return html[html.index('<form class="filters') : html.index("</form>")]


def test_the_filter_form_is_cached_per_submitted_values(client, pages_uncached):
    first_count, unfiltered = _get(client, "/veranstaltungen/")
    second_count, again = _get(client, "/veranstaltungen/")
    assert second_count <= first_count - 4, "no query for the four lists of choices"
    assert _filters(again) == _filters(unfiltered)
    assert '<option value="werkstatt">Werkstatt</option>' in _filters(unfiltered)

    filtered = _filters(_get(client, "/veranstaltungen/?category=werkstatt")[1])
    assert '<option value="werkstatt" selected>Werkstatt</option>' in filtered
    assert "Filter zurücksetzen" in filtered and "Filter zurücksetzen" not in _filters(unfiltered)
    assert '<option value="werkstatt">Werkstatt</option>' in _filters(_get(client, "/veranstaltungen/")[1])

    invalid = _filters(_get(client, "/veranstaltungen/?category=gibt-es-nicht")[1])
    assert 'aria-invalid="true"' in invalid


def test_a_saved_category_shows_in_the_filter_form_at_once(client, pages_uncached):
    _get(client, "/veranstaltungen/")
    category = Category.objects.get(slug="werkstatt")
    category.name_de = "Werkstätten"
    category.save()
    assert '<option value="werkstatt">Werkstätten</option>' in _filters(_get(client, "/veranstaltungen/")[1])
    Category.objects.create(slug="neu", name_de="Neue Kategorie")
    html = _filters(_get(client, "/veranstaltungen/?category=neu")[1])
    assert '<option value="neu" selected>Neue Kategorie</option>' in html and 'aria-invalid' not in html


# --- "Nächste Termine" on the home page -----------------------------------------------------------

def _upcoming(html: str) -> str:
    start = html.index('<section class="upcoming-events"')
    return html[start : html.index("</section>", start)]


def _event_reads(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    html = response.content.decode()
    reads = [q for q in queries if '"events_event"' in q["sql"]]
    return len(reads), _upcoming(html[html.index("<main") : html.index("</main>")])


def test_next_dates_are_cached_until_the_first_of_them_ends(client, pages_uncached, monkeypatch):
    reads, first = _event_reads(client, "/")
    assert reads > 0 and "Nächste Termine" in first
    reads, again = _event_reads(client, "/")
    assert reads == 0 and again == first, "served from the cache: no event read"

    soonest = next(iter(upcoming_occurrences(now=timezone.now(), limit=1)))
    assert soonest.event.title in first
    later = soonest.end + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    reads, after_it_ended = _event_reads(client, "/")
    assert reads > 0, "the cached list is not valid once a shown date is over"
    assert f">{soonest.event.title}</a>" not in after_it_ended


def test_a_saved_event_shows_in_the_next_dates_at_once(client, pages_uncached):
    _event_reads(client, "/")
    soon = timezone.now() + timedelta(minutes=5)
    EventFactory(title_de="Ganz kurzfristig", start=soon, end=soon + timedelta(hours=1))
    assert "Ganz kurzfristig" in _event_reads(client, "/")[1]


def test_next_dates_are_not_cached_while_fewer_than_asked_for(client, pages_uncached):
    from events.models import UpcomingEventsPluginModel

    plugin = UpcomingEventsPluginModel.objects.first()
    plugin.count = 500
    plugin.save()
    first_reads, first = _event_reads(client, "/")
    reads, again = _event_reads(client, "/")
    assert first_reads > 0 and reads > 0, "a date may join at the far end of the window: no cached list"
    assert again == first


def test_a_days_dates_are_cached_and_a_saved_event_shows_at_once(client, pages_uncached):
    url = "/veranstaltungen/2008/5/24/"
    first_count, first = _get(client, url)
    second_count, second = _get(client, url)
    assert second_count < first_count and second == first
    assert "Familienfest im Stadtpark" in first
    event = Event.objects.get(slug="familienfest-im-stadtpark-bochum-2008")
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    event.save()
    assert "Familienfest im Stadtpark" not in _get(client, url)[1]
    assert "Familienfest im Stadtpark" in _get(client, "/veranstaltungen/2008/5/25/")[1]


# --- "alle Termine" ---------------------------------------------------------------------------

LIST = "/veranstaltungen/"


def _list(client, url=LIST):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    reads = [q for q in queries if '"events_event"' in q["sql"]]
    return len(reads), html[html.index("<main") : html.index("</main>")], response


def _count(html: str) -> int:
    return int(re.search(r'<p class="meta" role="status">(\d+) Termine?</p>', html).group(1))


def test_a_list_page_is_served_without_reading_events_while_its_dates_stay(client, pages_uncached, settings):
    reads, first, _response = _list(client)
    assert reads > 0
    reads, again, _response = _list(client)
    assert reads == 0 and again == first
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    assert _list(client)[1] == first, "the cached page is exactly what a full render gives"


def test_a_saved_event_shows_in_the_list_at_once(client, pages_uncached):
    _reads, before, _response = _list(client)
    soon = timezone.now() + timedelta(minutes=5)
    EventFactory(title_de="Ganz kurzfristig", start=soon, end=soon + timedelta(hours=1))
    _reads, after, _response = _list(client)
    assert "Ganz kurzfristig" in after and _count(after) == _count(before) + 1


def test_the_list_is_read_again_when_its_first_date_ends(client, pages_uncached, monkeypatch):
    _reads, before, response = _list(client)
    now = timezone.now()
    window = selectors.OccurrenceWindow(selectors.card_events(), now, selectors.upcoming_end(now))
    first_end = window.first_end()
    ending = next(o for o in window if o.end == first_end)
    monkeypatch.setattr(timezone, "now", lambda: first_end + timedelta(seconds=1))
    reads, after, _response = _list(client)
    assert reads > 0, "the remembered dates are not valid once one of them is over"
    assert _count(after) < _count(before)
    assert ending.get_absolute_url() not in after or ending.is_series


def test_pages_keep_every_query_parameter_and_the_filters_own_cache(client, pages_uncached):
    bulk_events(25, first=timezone.now() + timedelta(days=1))  # more than one page (before the first request)
    _list(client)
    reads, html, _response = _list(client, f"{LIST}?utm_source=brief")
    assert reads == 0, "the same dates: the extra parameter is not part of the key"
    assert re.search(r'<a href="\?utm_source=brief&amp;page=2" rel="next">', html)
    _reads, page2, _response = _list(client, f"{LIST}?page=2")
    assert page2 != html and "Seite 2 von" in page2
    _reads, filtered, _response = _list(client, f"{LIST}?q=masse")
    assert _count(filtered) == 25 < _count(html)


def test_a_list_from_a_date_does_not_move_and_editors_get_no_cached_list(iqz_client, pages_uncached):
    visitor = Client()
    response = _list(visitor, f"{LIST}?from=2008-05-01")[2]
    assert response.context["dates_version"].startswith("fixed|")
    assert _list(visitor, LIST)[2].context["dates_version"].startswith(timezone.localdate().isoformat())
    assert _list(iqz_client, LIST)[2].context["dates_version"] is None


def test_an_event_page_shows_a_saved_change_at_once(client, pages_uncached):
    url = "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q for q in queries.captured_queries if '"events_event"' in q["sql"]], "the event comes from the cache"
    event = Event.objects.get(slug="familienfreundlichkeit-die-kommunalverwaltung-im-fokus")
    event.venue_name = "Rathaus Bochum, Ratssaal Seidenreiher"
    event.save()
    assert "Ratssaal Seidenreiher" in client.get(url).content.decode()
    event.status = Event.Status.DRAFT
    event.save()
    assert client.get(url).status_code == 404
