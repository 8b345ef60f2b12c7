"""A stored series that no longer reads (old data, an import that bypassed the form) never breaks a page.

The admin form refuses such a rule or exception date (tests/events/test_series_editor.py); rows written
around it are shown as far as they can be read: a rule that does not parse shows its first date only, an
exception date that does not parse is ignored. An anonymous visitor gets every page with status 200.
"""

import pytest
import time_machine

from events.models import Event

from .factories import EventFactory, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_series():
    event = EventFactory(title_de="Elterncafé kaputt", slug="elterncafe-kaputt", start=local(2008, 5, 6),
                         end=local(2008, 5, 6, 12), rrule="FREQ=WEEKLY;BYDAY=TU")
    return event


@pytest.mark.parametrize(
    ("rrule", "exdates"),
    [
        ("FREQ=WEEKLY;BYDAY=TU", "kaputt\n13.05.2008"),  # an exception date that does not read
        ("FREQ=WÖCHENTLICH;BYDAY=XX", ""),  # a rule that does not read
        ("FREQ=WEEKLY;UNTIL=gestern", "31.02.2008"),
    ],
)
@time_machine.travel("2008-05-01 10:00 +02:00", tick=False)
def test_every_public_place_answers(client, broken_series, rrule, exdates):
    Event.objects.filter(pk=broken_series.pk).update(rrule=rrule, exdates=exdates)
    for url in (broken_series.get_absolute_url(), "/veranstaltungen/", "/veranstaltungen/2008/5/",
                "/veranstaltungen/2008/5/13/", "/veranstaltungen/kalender.ics", "/veranstaltungen/rss/",
                f"/veranstaltungen/{broken_series.slug}.ics", "/suche/?q=Elterncaf%C3%A9"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Elterncafé kaputt" in client.get("/veranstaltungen/2008/5/").content.decode()


@time_machine.travel("2008-05-01 10:00 +02:00", tick=False)
def test_a_readable_rule_keeps_its_readable_exception_dates(client, broken_series):
    Event.objects.filter(pk=broken_series.pk).update(exdates="kaputt\n13.05.2008")
    assert "Elterncafé kaputt" in client.get("/veranstaltungen/2008/5/20/").content.decode()
    assert "Elterncafé kaputt" not in client.get("/veranstaltungen/2008/5/13/").content.decode()
