"""
"Weitere Veranstaltungen des IQZ im Jahr 2008" under a report: the organiser's other dates of the
year in calendar order, the first ORGANISER_EVENTS_SHOWN of them, and a link to all of them.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from events import selectors as events_selectors
from events.models import Event
from managers.models import Organisation
from tests.events.factories import EventFactory, bulk_events, local
from workshops import selectors
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

BOCHUM_SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"


@pytest.fixture
def report():
    return Workshop.objects.select_related("organiser").get(slug_de=BOCHUM_SLUG)


def _reference(report) -> list:
    """What the report listed before: every date of events.selectors' list but the report's own event."""
    everything = events_selectors.organiser_events_in_year(organiser=report.organiser, year=report.date.year)
    return [(o.event.pk, o.start) for o in everything if o.event.report_id != report.pk]


def _keys(found) -> list:
    return [(o.event.pk, o.start) for o in found.occurrences]


@pytest.mark.parametrize("limit", [1, 5, 15, 16, 17, 100])
def test_the_first_dates_in_the_calendars_order(report, limit):
    reference = _reference(report)
    assert len(reference) == 16, "the demo's IQZ dates of 2008 besides the Bochum workshop"
    found = selectors.organiser_events_in_year(organiser=report.organiser, year=2008, report=report, limit=limit)
    assert _keys(found) == reference[:limit]
    assert found.has_more == (len(reference) > limit)


def test_dates_from_the_year_before_and_after_do_not_count(report):
    iqz = report.organiser
    # A series whose last date runs over New Year 2008 (22:00 to 02:00), and single dates on both sides.
    EventFactory(title_de="Silvesterreihe", start=local(2007, 12, 29, 22), end=local(2007, 12, 30, 2),
                 rrule="FREQ=DAILY;COUNT=3", organiser=iqz)
    EventFactory(title_de="Nachtcafé", start=local(2007, 12, 31, 23), end=local(2008, 1, 1, 1), organiser=iqz)
    EventFactory(title_de="Neujahr", start=local(2008, 1, 1, 0), end=local(2008, 1, 1, 1), organiser=iqz)
    EventFactory(title_de="Nächstes Jahr", start=local(2009, 1, 1, 0), end=local(2009, 1, 1, 1), organiser=iqz)
    reference = _reference(report)
    for limit in (1, 2, 17, 18):
        found = selectors.organiser_events_in_year(organiser=iqz, year=2008, report=report, limit=limit)
        assert _keys(found) == reference[:limit]
        assert found.has_more == (len(reference) > limit)
    titles = [o.event.title_de for o in selectors.organiser_events_in_year(
        organiser=iqz, year=2008, report=report, limit=100).occurrences]
    assert titles[0] == "Neujahr"
    assert "Silvesterreihe" not in titles and "Nachtcafé" not in titles and "Nächstes Jahr" not in titles


def test_drafts_and_other_organisers_are_left_out(report):
    EventFactory(title_de="Entwurf", start=local(2008, 1, 2), status=Event.Status.DRAFT)
    bochum = Organisation.objects.get(slug="stadt-bochum")
    EventFactory(title_de="Stadtfest", start=local(2008, 1, 2), organiser=bochum)
    found = selectors.organiser_events_in_year(organiser=report.organiser, year=2008, report=report, limit=100)
    titles = {o.event.title_de for o in found.occurrences}
    assert "Entwurf" not in titles and "Stadtfest" not in titles
    assert _keys(found) == _reference(report)


def _block(html: str) -> str:
    start = html.index('<section class="organiser-events"')
    return html[start : html.index("</section>", start)]


def test_the_report_lists_the_first_dates_and_links_to_all(client, report):
    bulk_events(40, first=local(2008, 1, 2), step=timedelta(days=1), prefix="januar")
    html = client.get(report.get_absolute_url()).content.decode()
    block = _block(html)
    hrefs = re.findall(r'<li><a href="([^"]+)">', block)
    expected = selectors.organiser_events_in_year(organiser=report.organiser, year=2008, report=report)
    assert len(hrefs) == selectors.ORGANISER_EVENTS_SHOWN
    assert hrefs == [o.get_absolute_url() for o in expected.occurrences]
    all_dates = reverse("events:organiser_year", args=["iqz", 2008])
    assert f'<a class="more-link" href="{all_dates}">Alle Termine</a>' in block
    assert client.get(all_dates).status_code == 200


def test_no_link_when_every_date_is_listed(client, report):
    block = _block(client.get(report.get_absolute_url()).content.decode())
    assert len(re.findall(r"<li>", block)) == 16
    assert "more-link" not in block


def test_query_count_does_not_grow_with_the_dates(client, uncached, report):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(report.get_absolute_url()).status_code == 200
        return len(queries)

    client.get(report.get_absolute_url())
    few = count()
    bulk_events(500, first=local(2008, 1, 2), step=timedelta(hours=13), prefix="viele")
    client.get(report.get_absolute_url())  # the new content generation's first request reads the page schedule once
    assert count() == few
