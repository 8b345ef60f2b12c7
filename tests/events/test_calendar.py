"""The month grid: Monday first, one row per ISO week with the ISO year's week number."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.calendar import add_months, checked_month, month_grid


def _weeks(grid):
    return [week.iso_week for week in grid.weeks]


def test_may_2008_has_the_weeks_of_the_original_sidebar():
    grid = month_grid(2008, 5, today=date(2008, 5, 15))
    assert _weeks(grid) == [18, 19, 20, 21, 22]
    assert grid.start == date(2008, 4, 28) and grid.start.weekday() == 0  # Monday first
    first_row = grid.weeks[0].days
    assert [d.date.day for d in first_row] == [28, 29, 30, 1, 2, 3, 4]
    assert [d.in_month for d in first_row] == [False, False, False, True, True, True, True]
    last_row = grid.weeks[-1].days
    assert [d.date.day for d in last_row] == [26, 27, 28, 29, 30, 31, 1]
    assert not last_row[-1].in_month
    assert [d for w in grid.weeks for d in w.days if d.is_today][0].date == date(2008, 5, 15)


@pytest.mark.parametrize(
    ("year", "month", "weeks", "first_iso_year", "last_iso_year"),
    [
        (2025, 12, [49, 50, 51, 52, 1], 2025, 2026),  # 29 Dec 2025 is week 1 of 2026
        (2026, 1, [1, 2, 3, 4, 5], 2026, 2026),
        (2020, 12, [49, 50, 51, 52, 53], 2020, 2020),  # 2020 has 53 ISO weeks
        (2021, 1, [53, 1, 2, 3, 4], 2020, 2021),  # 1 Jan 2021 still belongs to week 53 of 2020
        (2026, 2, [5, 6, 7, 8, 9], 2026, 2026),
    ],
)
def test_iso_year_edges(year, month, weeks, first_iso_year, last_iso_year):
    grid = month_grid(year, month, today=date(2000, 1, 1))
    assert _weeks(grid) == weeks
    assert grid.weeks[0].iso_year == first_iso_year
    assert grid.weeks[-1].iso_year == last_iso_year
    assert all(w.days[0].date.weekday() == 0 for w in grid.weeks)


def test_month_of_six_weeks():
    assert _weeks(month_grid(2008, 3, today=date(2000, 1, 1))) == [9, 10, 11, 12, 13, 14]


@pytest.mark.parametrize(("year", "month"), [(2008, 13), (2008, 0), (0, 1), (99999, 1), (1989, 12), (2101, 1)])
def test_months_outside_the_calendar_are_refused(year, month):
    with pytest.raises(ValueError):
        checked_month(year, month)


def test_neighbour_months_stop_at_the_calendar_edges():
    assert add_months(date(2008, 1, 1), -1) == date(2007, 12, 1)
    assert add_months(date(2008, 12, 1), 1) == date(2009, 1, 1)
    assert add_months(date(1990, 1, 1), -1) is None
    assert month_grid(2100, 12, today=date(2000, 1, 1)).next is None


# --- through the page -------------------------------------------------------------------------

def main_grid(html: str) -> str:
    start = html.index('<table class="cal">')
    return html[start : html.index("</table>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "weeks"),
    [
        ("/veranstaltungen/2025/12/", ["49", "50", "51", "52", "1"]),
        ("/veranstaltungen/2026/1/", ["1", "2", "3", "4", "5"]),
        ("/veranstaltungen/2020/12/", ["49", "50", "51", "52", "53"]),
        ("/veranstaltungen/2021/1/", ["53", "1", "2", "3", "4"]),
    ],
)
def test_month_page_shows_iso_weeks(client, url, weeks):
    grid = main_grid(client.get(url).content.decode())
    assert re.findall(r'data-iso-week="(\d+)"', grid) == weeks


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 28, 0, 30, tzinfo=ZoneInfo("Europe/Berlin")), tick=False)
def test_today_is_marked(client):
    # Half past midnight local time: still the 27th in UTC.
    grid = main_grid(client.get("/veranstaltungen/2026/12/").content.decode())
    cell = re.search(r'<td class="([^"]*)" data-date="2026-12-28" aria-current="date">', grid)
    assert cell and "cal__day--today" in cell.group(1)
    assert grid.count('aria-current="date"') == 1


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False)
def test_calendar_entry_redirects_to_this_month(client):
    response = client.get("/veranstaltungen/kalender/")
    assert response.status_code == 302
    assert response["Location"] == "/veranstaltungen/2027/1/", "already January in Berlin"
