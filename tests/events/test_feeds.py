"""iCalendar feed and files (RFC 5545, parsed with icalendar), RSS and Atom."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from managers.models import Organisation

from .factories import EventFactory, local

pytestmark = pytest.mark.django_db


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _uids(calendar) -> set[str]:
    return {str(component["UID"]) for component in calendar.walk("VEVENT")}


def _xml(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input


def _uid(event) -> str:
    return f"{event.uid}@veranstaltungen.familie-portal"


def test_feed_is_rfc5545_with_vtimezone_stable_uids_and_series_rules(client):
    first = _calendar(client.get("/veranstaltungen/kalender.ics"))
    assert [str(tz["TZID"]) for tz in first.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(first["VERSION"]) == "2.0" and "PRODID" in first
    series = Event.objects.get(slug="offene-sprechstunde-familienbuero-gelsenkirchen")
    [vevent] = [c for c in first.walk("VEVENT") if str(c["UID"]) == _uid(series)]
    assert vevent["RRULE"]["FREQ"] == ["WEEKLY"] and vevent["RRULE"]["COUNT"] == [12]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    exdate = vevent["EXDATE"].dts[0].dt
    assert exdate.date() == series.exception_dates[0] and exdate.hour == 15
    draft = Event.objects.get(slug="werkstatt-familienfreundliche-arbeitgeberin-kommune")
    assert _uid(draft) not in _uids(first)
    assert _uids(_calendar(client.get("/veranstaltungen/kalender.ics"))) == _uids(first)  # stable


def test_feed_round_trips_the_list_filters(client):
    iqz = Organisation.objects.get(slug="iqz")
    soon = timezone.now() + timedelta(days=2)
    match = EventFactory(start=soon, end=soon + timedelta(hours=1), organiser=iqz, targets=["fachkraefte", "eltern"])
    wrong_group = EventFactory(start=soon, end=soon + timedelta(hours=1), organiser=iqz, targets=["eltern"])
    wrong_org = EventFactory(start=soon, end=soon + timedelta(hours=1),
                             organiser=Organisation.objects.get(slug="stadt-bochum"), targets=["fachkraefte"])
    calendar = _calendar(client.get("/veranstaltungen/kalender.ics?organiser=iqz&target=fachkraefte"))
    uids = _uids(calendar)
    assert _uid(match) in uids
    assert _uid(wrong_group) not in uids and _uid(wrong_org) not in uids
    for event in Event.objects.filter(uid__in=[u.split("@")[0] for u in uids]):
        assert event.organiser == iqz and event.target_groups.filter(slug="fachkraefte").exists()
    # The same filter in the list shows the same events.
    html = client.get("/veranstaltungen/?organiser=iqz&target=fachkraefte").content.decode()
    assert match.title_de in html and wrong_group.title_de not in html
    assert 'href="/veranstaltungen/kalender.ics?organiser=iqz&amp;target=fachkraefte"' in html


def test_feed_with_a_date_range_includes_past_series(client):
    calendar = _calendar(client.get("/veranstaltungen/kalender.ics?from=2008-05-01&to=2008-05-31"))
    summaries = [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]
    assert "Sprechstunde Familienmanagement" in summaries
    assert "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus" not in summaries  # April


def test_unknown_filter_gives_an_empty_valid_calendar(client):
    calendar = _calendar(client.get("/veranstaltungen/kalender.ics?organiser=gibt-es-nicht"))
    assert calendar.walk("VEVENT") == []


def test_event_ics_file(client):
    response = client.get("/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus.ics")
    assert (
        response["Content-Disposition"]
    ) == 'attachment; filename="familienfreundlichkeit-die-kommunalverwaltung-im-fokus.ics"'
    [vevent] = _calendar(response).walk("VEVENT")
    assert vevent.decoded("DTSTART") == local(2008, 4, 15, 10)
    assert vevent.decoded("DTEND") == local(2008, 4, 15, 16)
    assert "Willy-Brandt-Platz" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith("/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/")


def test_series_ics_has_until_in_utc_and_its_exception(client):
    [vevent] = _calendar(client.get("/veranstaltungen/sprechstunde-familienmanagement-2008.ics")).walk("VEVENT")
    assert vevent["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20081231T225959Z;BYDAY=1TU"
    assert vevent["EXDATE"].dts[0].dt == local(2008, 8, 5, 14)


def test_all_day_ics_uses_dates(client):
    [vevent] = _calendar(client.get("/veranstaltungen/familienfest-im-stadtpark-bochum-2008.ics")).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(2008, 5, 24)
    assert vevent.decoded("DTEND") == date(2008, 5, 25)  # exclusive


def test_draft_has_no_ics(client):
    assert client.get("/veranstaltungen/werkstatt-familienfreundliche-arbeitgeberin-kommune.ics").status_code == 404


def test_rss_is_ordered_by_event_date_not_by_entry(client):
    later = EventFactory(title_de="Später eingetragen, früher", start=timezone.now() + timedelta(hours=1),
                         end=timezone.now() + timedelta(hours=2))
    earlier = EventFactory(title_de="Früher eingetragen, später", start=timezone.now() + timedelta(days=400),
                           end=timezone.now() + timedelta(days=400, hours=1))
    earlier.created = timezone.now() - timedelta(days=30)
    earlier.save()
    response = client.get("/veranstaltungen/rss/")
    assert response.status_code == 200
    titles = [item.findtext("title") for item in _xml(response).iter("item")]
    assert titles.index(later.title_de) < titles.index(earlier.title_de)
    assert titles[0] == later.title_de
    assert "Werkstatt: Die Kommune als familienfreundliche Arbeitgeberin (Entwurf)" not in titles
    assert titles.count("Offene Sprechstunde des Familienbüros") >= 5  # series occurrences


def test_atom_feed(client):
    response = client.get("/veranstaltungen/atom/?organiser=stadt-gelsenkirchen")
    assert response.status_code == 200
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = {e.findtext("a:title", namespaces=ns) for e in _xml(response).findall("a:entry", ns)}
    assert titles == {"Elternabend: Spielestunden in Haushalten", "Offene Sprechstunde des Familienbüros"}
