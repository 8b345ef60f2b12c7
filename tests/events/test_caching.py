"""
The calendar's cached parts (familie_portal.caching): the month grid with its dates, the sidebar
calendar and "Nächste Termine". A visitor's second request reads no events; a save or publish shows
on the next request; "Nächste Termine" moves on by itself when a shown date ends; editors always get
a fresh render.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.calendar import local_date, local_midnight
from events.models import Event, UpcomingEventsPluginModel
from managers.models import Organisation

from .factories import EventFactory, local

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_uncached")]
MONTH = "/veranstaltungen/2008/5/"
NOW = local(2027, 5, 3, 12)


def _get(client, url) -> tuple[int, str]:
    """(queries reading events, the page's <main> and <aside>)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    reads = [q for q in queries if '"events_event"' in q["sql"]]
    return len(reads), html[html.index("<main") : html.rindex("</aside>")]


def _main(html: str) -> str:
    return html[: html.index("</main>")]


def test_the_month_is_rendered_once_and_a_saved_event_shows_at_once(client):
    reads, first = _get(client, MONTH)
    assert reads > 0
    reads, again = _get(client, MONTH)
    assert reads == 0, "grid, dates and the sidebar calendar beside them come from the cache"
    assert again == first
    event = Event.objects.get(slug="familienfest-im-stadtpark-bochum-2008")
    event.title_de = "Sommerfest im Stadtpark"
    event.save()
    html = _main(_get(client, MONTH)[1])
    assert "Sommerfest im Stadtpark" in html and "Familienfest im Stadtpark" not in html
    event.status = Event.Status.DRAFT
    event.save()
    html = _get(client, MONTH)[1]
    assert "Sommerfest im Stadtpark" not in html
    assert 'data-date="2008-05-24"><span class="cal__num">24</span>' in html, "its day is no longer linked"


def test_a_renamed_organiser_shows_on_the_cached_cards_at_once(client):
    _get(client, MONTH)
    iqz = Organisation.objects.get(slug="iqz")
    iqz.short_name = "IQZ NRW"
    iqz.save()
    assert '<p class="meta">IQZ NRW' in _get(client, MONTH)[1]


def _today_marks(html: str) -> list[str]:
    return re.findall(r'data-date="([\d-]+)" aria-current="date"', html)


def test_the_cached_month_marks_today_whatever_day_it_is(client):
    url = "/veranstaltungen/2027/5/"
    with time_machine.travel(NOW, tick=False):
        assert _today_marks(_get(client, url)[1]) == ["2027-05-03", "2027-05-03"]  # page and sidebar
        assert _get(client, url)[0] == 0
    with time_machine.travel(local(2027, 5, 4, 0, 0), tick=False):
        assert _today_marks(_get(client, url)[1]) == ["2027-05-04", "2027-05-04"]
    with time_machine.travel(local(2027, 7, 1, 12), tick=False):
        assert _today_marks(_get(client, url)[1]) == [], "May is not this month any more"
        assert _today_marks(_get(client, "/qualifizierung/")[1]) == ["2027-07-01"], "the sidebar elsewhere"


def test_the_sidebar_calendar_shows_a_new_event_at_once(client):
    with time_machine.travel(NOW, tick=False):
        _get(client, "/qualifizierung/")
        assert _get(client, "/qualifizierung/")[0] == 0
        EventFactory(title_de="Neu im Kalender", start=local(2027, 5, 20, 10), end=local(2027, 5, 20, 12))
        html = _get(client, "/qualifizierung/")[1]
    assert re.search(r'data-date="2027-05-20"><a href="/veranstaltungen/2027/5/20/"', html)


# --- "Nächste Termine" ----------------------------------------------------------------------------

@pytest.fixture
def organiser(db, settings):
    settings.PORTAL_CACHE_SECONDS = 2 * 24 * 3600  # longer than the lists hold: `until=` decides
    organiser = Organisation.objects.create(name="Cache e. V.", slug="cache-ev", kind=Organisation.Kind.OTHER)
    UpcomingEventsPluginModel.objects.update(organiser=organiser, count=2)
    return organiser


def _upcoming(html: str) -> list[str]:
    section = html[html.index('<section class="upcoming-events"') :]
    section = section[: section.index("</section>")]
    return re.findall(r'<h3 class="event-item__title"><a href="[^"]*">([^<]+)</a>', section)


def test_next_dates_are_cached_until_the_first_of_them_ends(client, organiser):
    with time_machine.travel(NOW, tick=False):
        first = EventFactory(title_de="Zuerst", organiser=organiser, start=NOW + timedelta(hours=1),
                             end=NOW + timedelta(hours=2))
        EventFactory(title_de="Wöchentlich", organiser=organiser, start=local(2027, 5, 4, 10),
                     end=local(2027, 5, 4, 11), rrule="FREQ=WEEKLY")
        reads, html = _get(client, "/")
        assert reads > 0 and _upcoming(html) == ["Zuerst", "Wöchentlich"]
        reads, again = _get(client, "/")
        assert reads == 0 and again == html, "served from the cache: no event read"
    with time_machine.travel(first.end - timedelta(seconds=1), tick=False):
        assert _get(client, "/")[0] == 0, "still valid just before the first date ends"
    with time_machine.travel(first.end + timedelta(seconds=1), tick=False):
        reads, html = _get(client, "/")
        assert reads > 0 and _upcoming(html) == ["Wöchentlich", "Wöchentlich"]
        assert "?termin=2027-05-04" in html and "?termin=2027-05-11" in html
    with time_machine.travel(local(2027, 5, 4, 11) + timedelta(seconds=1), tick=False):
        html = _get(client, "/")[1]
        assert "?termin=2027-05-04" not in html and "?termin=2027-05-18" in html, "a series date ends too"


def test_next_dates_fewer_than_asked_for_are_kept_until_midnight(client, organiser):
    UpcomingEventsPluginModel.objects.update(count=5)
    with time_machine.travel(NOW, tick=False):
        EventFactory(title_de="Einziger Termin", organiser=organiser, start=NOW + timedelta(days=30),
                     end=NOW + timedelta(days=30, hours=1))
        assert _upcoming(_get(client, "/")[1]) == ["Einziger Termin"]
        assert _get(client, "/")[0] == 0
    midnight = local_midnight(local_date(NOW) + timedelta(days=1))
    with time_machine.travel(midnight - timedelta(seconds=1), tick=False):
        assert _get(client, "/")[0] == 0
    with time_machine.travel(midnight + timedelta(seconds=1), tick=False):
        assert _get(client, "/")[0] > 0, "the window's far end moved: a date may have joined"


def test_a_saved_event_shows_in_the_next_dates_at_once(client, organiser):
    with time_machine.travel(NOW, tick=False):
        EventFactory(title_de="Später", organiser=organiser, start=NOW + timedelta(days=3),
                     end=NOW + timedelta(days=3, hours=1))
        _get(client, "/")
        EventFactory(title_de="Ganz kurzfristig", organiser=organiser, start=NOW + timedelta(minutes=5),
                     end=NOW + timedelta(hours=1))
        assert _upcoming(_get(client, "/")[1]) == ["Ganz kurzfristig", "Später"]


def test_editors_get_a_fresh_render(iqz_client):
    _get(iqz_client, MONTH)
    assert _get(iqz_client, MONTH)[0] > 0
