"""Month view, list and feeds cost the same number of SQL queries for 60 or 1,050 events."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.calendar import local_midnight
from events.models import Category
from registrations.models import EventDate, RegistrationSettings

from .factories import bulk_events

# Query counts measure rendering: the anonymous full-page cache would answer with none.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

# Measured with every cache off: month 25, day 26, list 31 (filtered 33), archive 31, iCalendar 6 (filtered
# 8), RSS 5 - CMS page, menu, sidebar and footer aliases and placeholders included, and two for the places of
# the portal's sign-up on every card and feed entry (registrations.selectors.DatePlaces). Room for the CMS,
# not for a query per event. With the cache parts on, the month page reads no event at all (test_caching.py).
MAX_QUERIES = 35


def _first_of_next_month():
    today = timezone.localdate()
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def _urls(month):
    return [
        f"/veranstaltungen/{month.year}/{month.month}/",
        f"/veranstaltungen/{month.year}/{month.month}/3/",
        "/veranstaltungen/",
        "/veranstaltungen/?organiser=iqz&category=werkstatt&q=masse",
        "/veranstaltungen/?page=3",
        "/veranstaltungen/kalender.ics",
        "/veranstaltungen/kalender.ics?organiser=iqz&category=werkstatt",
        "/veranstaltungen/rss/",
        "/veranstaltungen/archiv/",
    ]


def _with_registration(events):
    """Portal sign-up on every event, every other date with places taken: the cards show their places."""
    RegistrationSettings.objects.bulk_create(RegistrationSettings(event=e, enabled=True, places=5) for e in events)
    EventDate.objects.bulk_create(EventDate(event=e, start=e.start, confirmed=2) for e in events[::2])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# A fixed day: which dates fill "?page=3" (and whether one of them takes sign-ups, which costs the second
# DatePlaces query) must not depend on when the suite runs.
@time_machine.travel("2027-02-10 09:00 +01:00", tick=False)
def test_query_count_does_not_grow_with_the_number_of_events(client, django_assert_max_num_queries):
    month = _first_of_next_month()
    first = local_midnight(month.replace(day=3)) + timedelta(hours=8)
    werkstatt = Category.objects.get(slug="werkstatt")
    # 60: the list's third page (dates 41-60) holds dates with sign-up already, as it does with 1,050.
    _with_registration(bulk_events(60, first=first, prefix="masse-a", category=werkstatt))
    for _round in range(2):  # warm apphook, menu, page-URL and alias caches, as on a running server
        for url in _urls(month):
            client.get(url)
    small = {url: _count(client, url) for url in _urls(month)}

    # 990 more the same month (and a weekly series), so every view has far more to show.
    _with_registration(bulk_events(990, first=first, step=timedelta(minutes=41), prefix="masse-b",
                                   category=werkstatt))
    _with_registration(bulk_events(1, first=first, prefix="masse-serie", rrule="FREQ=WEEKLY;COUNT=52",
                                   category=werkstatt))
    for url in _urls(month):
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            assert client.get(url).status_code == 200
    large = {url: _count(client, url) for url in _urls(month)}
    assert large == small
    print("queries per page:", large)  # noqa: T201 - shown with -s for the report


def test_the_month_page_and_its_sidebar_calendar_read_the_month_once(client):
    reads = _event_reads(client, "/veranstaltungen/2008/5/")
    assert len(reads) == 1, "the grid's dates serve the page and the sidebar calendar beside it"
    reads = _event_reads(client, "/qualifizierung/")
    assert len(reads) == 1 and "managers_organisation" not in reads[0], "the sidebar counts dates: no cards"


def _event_reads(client, url) -> list[str]:
    client.get(url)  # warm menus and URLs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if 'FROM "events_event"' in q["sql"]]
