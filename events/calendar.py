"""
The portal's one calendar and date helper: month grids with ISO weeks, day windows in local time.

Weeks start on Monday and carry their ISO 8601 number *and ISO year*: 29 December 2025 is in week 1
of 2026, 28 December 2020 in week 53 of 2020. The grid is a list of weeks, each of seven days;
days of the neighbouring months are part of the grid and marked `in_month=False`, as in the
sidebar calendar of the original page.
"""

import calendar as _stdlib_calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS as WEEKDAYS_FULL
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import ngettext

# The calendar answers for these years only; anything else is a 404, not an endless crawl.
MIN_YEAR = 1990
MAX_YEAR = 2100

WEEKDAYS = 7


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: date) -> datetime:
    """The aware start of a calendar day in the portal's time zone (Europe/Berlin)."""
    return datetime.combine(day, time.min, tzinfo=local_tz())


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment, local_tz()).date()


def day_window(day: date) -> tuple[datetime, datetime]:
    """[00:00 of the day, 00:00 of the next day) in local time (23 or 25 hours on DST days)."""
    return local_midnight(day), local_midnight(day + timedelta(days=1))


def checked_month(year: int, month: int) -> date:
    """The first day of the month, or ValueError for a month the calendar does not show."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise ValueError("month out of range")
    return date(year, month, 1)


def checked_day(year: int, month: int, day: int) -> date:
    checked_month(year, month)
    if not 1 <= day <= 31:
        raise ValueError("day out of range")
    return date(year, month, day)  # ValueError for 30 February


def add_months(first: date, months: int) -> date | None:
    """The first of the month `months` away, or None outside the calendar's years."""
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return date(year, month + 1, 1)


@dataclass
class CalendarDay:
    date: date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)

    @property
    def has_events(self) -> bool:
        return bool(self.occurrences)

    # What a grid's cell writes (events/includes/month_grid.html), prepared here: its table has up to 84
    # cells (the month page's grid and the sidebar's), a `date` filter or a plural {% blocktranslate %}
    # in each costs more than the rest of the cell.
    @property
    def iso(self) -> str:
        """2008-05-06 (the `date` filter's "Y-m-d")."""
        return self.date.isoformat()

    @property
    def label(self) -> str:
        """The day's link name: "6. Mai 2008: 3 Veranstaltungen"."""
        count = len(self.occurrences)
        return ngettext("%(date)s: %(counter)s Veranstaltung", "%(date)s: %(counter)s Veranstaltungen", count) % {
            "date": date_format(self.date, "DATE_FORMAT"), "counter": count}


@dataclass
class CalendarWeek:
    iso_year: int
    iso_week: int
    days: list[CalendarDay]


@dataclass
class MonthGrid:
    first: date
    weeks: list[CalendarWeek]
    previous: date | None
    next: date | None

    @property
    def year(self) -> int:
        return self.first.year

    @property
    def month(self) -> int:
        return self.first.month

    @property
    def start(self) -> date:
        """First day shown (a Monday, possibly in the previous month)."""
        return self.weeks[0].days[0].date

    @property
    def stop(self) -> date:
        """Day after the last day shown (a Monday)."""
        return self.weeks[-1].days[-1].date + timedelta(days=1)

    @property
    def weekday_headers(self) -> list[tuple[str, str]]:
        """(name, abbreviation) of the columns, Monday first, in the active language."""
        return [(str(WEEKDAYS_FULL[i]), str(WEEKDAYS_ABBR[i])) for i in range(WEEKDAYS)]

    @property
    def days_with_events(self) -> list[CalendarDay]:
        return [day for week in self.weeks for day in week.days if day.in_month and day.has_events]

    @property
    def occurrences(self) -> list:
        """Every occurrence of the month's days (a multi-day one once per day)."""
        return [occurrence for day in self.days_with_events for occurrence in day.occurrences]


def grid_range(year: int, month: int) -> tuple[date, date]:
    """[first Monday shown, Monday after the last day shown) of a month grid."""
    weeks = _stdlib_calendar.Calendar(firstweekday=_stdlib_calendar.MONDAY).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1] + timedelta(days=1)


def month_grid(year: int, month: int, *, occurrences=(), today: date | None = None) -> MonthGrid:
    """The grid of a month, each day holding the occurrences that touch it (multi-day ones on every day)."""
    first = checked_month(year, month)
    today = today or timezone.localdate()
    start, stop = grid_range(year, month)
    by_day = occurrences_by_day(occurrences, start, stop)
    cal = _stdlib_calendar.Calendar(firstweekday=_stdlib_calendar.MONDAY)
    weeks = []
    for week in cal.monthdatescalendar(year, month):
        iso_year, iso_week, _weekday = week[0].isocalendar()
        days = [
            CalendarDay(date=d, in_month=d.month == month, is_today=d == today, occurrences=by_day.get(d, []))
            for d in week
        ]
        weeks.append(CalendarWeek(iso_year=iso_year, iso_week=iso_week, days=days))
    return MonthGrid(first=first, weeks=weeks, previous=add_months(first, -1), next=add_months(first, 1))


def occurrences_by_day(occurrences, start: date, stop: date) -> dict[date, list]:
    """Occurrences per local day in [start, stop); the end of an occurrence is exclusive."""
    by_day = defaultdict(list)
    for occurrence in occurrences:
        first = max(local_date(occurrence.start), start)
        last = min(occurrence.last_day, stop - timedelta(days=1))
        day = first
        while day <= last:
            by_day[day].append(occurrence)
            day += timedelta(days=1)
    return by_day
