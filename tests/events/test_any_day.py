"""
What depends on today, at moments that have broken calendars before: the day before and the day of a
series date, ISO week 53, a leap day, both daylight saving changes and New Year's Eve at midnight.
The clock is pinned (time-machine); every test brings its own events, placed relative to the moment.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from events.calendar import local_date, local_midnight
from events.models import UpcomingEventsPluginModel
from events.recurrence import expand
from managers.models import Organisation

from .factories import EventFactory, local

pytestmark = pytest.mark.django_db

# A weekly series on Tuesdays at 10:00 local time, from 4 May 2027 (the first "series date").
SERIES_START = local(2027, 5, 4, 10)
SERIES_RULE = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20281231"

MOMENTS = {
    "day-before-a-series-date": local(2027, 5, 3, 12),
    "day-of-a-series-date": local(2027, 5, 4, 9),
    "iso-week-53": local(2026, 12, 28, 12),
    "leap-day": local(2028, 2, 29, 12),
    # 02:00 CET becomes 03:00 CEST (01:00 UTC); 03:00 CEST becomes 02:00 CET (01:00 UTC).
    "dst-begins": datetime(2027, 3, 28, 1, 0, tzinfo=UTC),
    "dst-ends": datetime(2027, 10, 31, 1, 0, tzinfo=UTC),
    "new-years-eve-23:59": local(2026, 12, 31, 23, 59),
    "new-year-00:00": local(2027, 1, 1, 0, 0),
}


@pytest.fixture(params=list(MOMENTS), ids=list(MOMENTS))
def moment(request):
    with time_machine.travel(MOMENTS[request.param], tick=False):
        yield MOMENTS[request.param]


@pytest.fixture
def organiser(db):
    return Organisation.objects.create(name="Zeitreise e. V.", slug="zeitreise", kind=Organisation.Kind.OTHER)


def _main(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _titles(html: str) -> list[str]:
    return re.findall(r'<h\d class="event-item__title"><a href="[^"]*">([^<]+)</a>', html)


# --- "Nächste Termine" ----------------------------------------------------------------------------

def test_next_dates_on_the_home_page(client, moment, organiser):
    UpcomingEventsPluginModel.objects.update(organiser=organiser, count=3)
    EventFactory(title_de="Gerade vorbei", organiser=organiser, start=moment - timedelta(hours=2),
                 end=moment - timedelta(minutes=1))
    EventFactory(title_de="Läuft gerade", organiser=organiser, start=moment - timedelta(hours=1),
                 end=moment + timedelta(hours=1))
    EventFactory(title_de="Gleich", organiser=organiser, start=moment + timedelta(minutes=30),
                 end=moment + timedelta(hours=2))
    EventFactory(title_de="Wöchentlich", organiser=organiser, start=SERIES_START,
                 end=SERIES_START + timedelta(hours=2), rrule=SERIES_RULE)
    html = client.get("/").content.decode()
    section = html[html.index('<section class="upcoming-events"') :]
    titles = _titles(section[: section.index("</section>")])
    assert titles[:2] == ["Läuft gerade", "Gleich"] and "Gerade vorbei" not in titles
    next_tuesday = _next_series_date(moment)
    assert titles[2] == "Wöchentlich"
    assert f"?termin={next_tuesday.isoformat()}" in section


def _next_series_date(moment):
    """The local day of the weekly series' next date not yet over at `moment` (it ends at 12:00)."""
    day = max(local_date(moment), SERIES_START.date())
    while day.weekday() != 1 or local(day.year, day.month, day.day, 12) <= moment:
        day += timedelta(days=1)
    return day


# --- the month grid -------------------------------------------------------------------------------

def test_the_month_grid_marks_today_and_its_iso_week(client, moment):
    today = local_date(moment)
    assert timezone.localdate() == today
    response = client.get("/veranstaltungen/kalender/")
    assert response.status_code == 302 and response["Location"] == f"/veranstaltungen/{today.year}/{today.month}/"
    html = _main(client.get(response["Location"]))
    grid = html[html.index('<table class="cal">') : html.index("</table>")]
    assert re.findall(r'data-date="([\d-]+)" aria-current="date"', grid) == [today.isoformat()]
    iso_year, iso_week, _weekday = today.isocalendar()
    row = next(row for row in grid.split("<tr>") if f'data-date="{today.isoformat()}"' in row)
    assert f'data-iso-week="{iso_week}" data-iso-year="{iso_year}"' in row
    # The sidebar calendar beside it marks the same day.
    aside = client.get("/qualifizierung/").content.decode()
    aside = aside[aside.index('<aside class="two-col__aside') :]
    aside = aside[: aside.index("</aside>")]
    assert re.findall(r'data-date="([\d-]+)" aria-current="date"', aside) == [today.isoformat()]
    assert f'href="/veranstaltungen/{today.year}/{today.month}/"' in aside


def test_iso_week_53_of_2026(client):
    with time_machine.travel(MOMENTS["iso-week-53"], tick=False):
        grid = _main(client.get("/veranstaltungen/2026/12/"))
    assert re.findall(r'data-iso-week="(\d+)"', grid) == ["49", "50", "51", "52", "53"]
    assert 'data-iso-week="53" data-iso-year="2026"' in grid


# --- "alle Termine" -------------------------------------------------------------------------------

def test_the_upcoming_list_is_the_window_from_now(client, moment):
    horizon_end = local_midnight(local_date(moment + timedelta(days=2 * 366)) + timedelta(days=1))
    for title, start, end in [
        ("Fenster vorbei", moment - timedelta(hours=1), moment),
        ("Fenster laufend", moment - timedelta(days=1), moment + timedelta(minutes=1)),
        ("Fenster morgen", moment + timedelta(days=1), moment + timedelta(days=1, hours=1)),
        ("Fenster letzter Tag", horizon_end - timedelta(hours=2), horizon_end - timedelta(hours=1)),
        ("Fenster zu weit", horizon_end, horizon_end + timedelta(hours=1)),
    ]:
        EventFactory(title_de=title, start=start, end=end)
    html = _main(client.get("/veranstaltungen/", {"q": "Fenster"}))
    assert _titles(html) == ["Fenster laufend", "Fenster morgen", "Fenster letzter Tag"]
    assert '<p class="meta" role="status">3 Termine</p>' in html
    archive = _main(client.get("/veranstaltungen/archiv/", {"q": "Fenster"}))
    assert _titles(archive) == ["Fenster vorbei"]


# --- series ---------------------------------------------------------------------------------------

def test_a_series_lists_its_next_dates_at_local_time(client, moment):
    event = EventFactory(title_de="Reihe", start=SERIES_START, end=SERIES_START + timedelta(hours=2),
                         rrule=SERIES_RULE)
    html = _main(client.get(event.get_absolute_url()))
    dates = re.findall(r'<li><a href="[^"]*\?termin=([\d-]+)"><time datetime="([^"]+)"', html)
    assert dates, "the series is not over at any of the moments"
    first_day, first_start = dates[0]
    assert first_day == _next_series_date(moment).isoformat()
    for day, start in dates:
        start = datetime.fromisoformat(start)
        assert start.date().isoformat() == day and start.weekday() == 1
        assert (start.hour, start.minute) == (10, 0), "10:00 local time, summer and winter"
    # The link of a date shows that date.
    day, start = dates[1]
    detail = _main(client.get(f"{event.get_absolute_url()}?termin={day}"))
    assert f'<time datetime="{start}">' in detail


def test_a_series_in_the_month_grid_and_the_day_page(client, moment):
    EventFactory(title_de="Reihe im Raster", start=SERIES_START, end=SERIES_START + timedelta(hours=2),
                 rrule=SERIES_RULE)
    day = _next_series_date(moment)
    html = _main(client.get(f"/veranstaltungen/{day.year}/{day.month}/"))
    link = f'<a href="/veranstaltungen/{day.year}/{day.month}/{day.day}/"'
    assert re.search(rf'data-date="{day.isoformat()}"( aria-current="date")?>{link}', html)
    assert f'?termin={day.isoformat()}">Reihe im Raster</a>' in html
    day_html = _main(client.get(f"/veranstaltungen/{day.year}/{day.month}/{day.day}/"))
    assert "Reihe im Raster" in _titles(day_html)


# --- iCalendar ------------------------------------------------------------------------------------

def test_the_ical_feed_window_and_local_times(client, moment, organiser):
    EventFactory(title_de="Ical alt", organiser=organiser, start=moment - timedelta(days=200),
                 end=moment - timedelta(days=200) + timedelta(hours=1))
    soon = EventFactory(title_de="Ical bald", organiser=organiser, start=moment + timedelta(hours=3),
                        end=moment + timedelta(hours=4))
    series = EventFactory(title_de="Ical Reihe", organiser=organiser, start=SERIES_START,
                          end=SERIES_START + timedelta(hours=2), rrule=SERIES_RULE)
    response = client.get("/veranstaltungen/kalender.ics", {"organiser": organiser.slug})
    assert response.status_code == 200
    vevents = {str(v["SUMMARY"]): v for v in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(vevents) == {"Ical bald", "Ical Reihe"}
    start = vevents["Ical bald"].decoded("DTSTART")
    assert start == soon.start and vevents["Ical bald"]["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevents["Ical Reihe"].decoded("DTSTART") == series.start
    assert vevents["Ical Reihe"]["RRULE"]["FREQ"] == ["WEEKLY"]


def test_a_daily_series_keeps_its_local_time_around_the_moment(moment):
    first = local(*(local_date(moment) - timedelta(days=3)).timetuple()[:3], 10)
    event = EventFactory(title_de="Täglich", start=first, end=first + timedelta(hours=1), rrule="FREQ=DAILY;COUNT=7")
    occurrences = expand([event], moment - timedelta(days=5), moment + timedelta(days=5))
    assert [o.start.date() for o in occurrences] == [first.date() + timedelta(days=n) for n in range(7)]
    assert all((o.start.hour, o.end.hour) == (10, 11) for o in occurrences)
    assert all(o.end - o.start == timedelta(hours=1) for o in occurrences)
