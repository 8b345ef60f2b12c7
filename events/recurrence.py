"""
Series of events: RFC 5545 RRULE strings, exception dates, and their expansion into occurrences.

The one expansion helper of the portal: every view and feed that shows dates calls `expand()` with
a bounded window, so a series without end never produces more than it shows. Rules are expanded in
local time (Europe/Berlin): a series at 10:00 stays at 10:00 across daylight saving time.
"""

import bisect
import functools
import itertools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import vRecur

from events import links
from events.calendar import local_date, local_midnight, local_tz

ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# A series longer than this is a typo (or an attack on the server); per expansion and per COUNT.
MAX_OCCURRENCES = 1000
_EXDATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: the event itself for a single date, or one member of a series."""

    event: object
    start: datetime
    end: datetime

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def all_day(self) -> bool:
        return self.event.all_day

    @property
    def is_series(self) -> bool:
        return self.event.is_series

    @property
    def last_day(self) -> date:
        """The last local day the occurrence touches (its end is exclusive)."""
        if self.end <= self.start:
            return local_date(self.start)
        return local_date(self.end - timedelta(microseconds=1))

    @property
    def is_multi_day(self) -> bool:
        return self.last_day != local_date(self.start)

    def get_absolute_url(self) -> str:
        """The event's page, for a series date with that date (?termin=): events.links."""
        return links.occurrence_url(self)


# --- rules ----------------------------------------------------------------------------------------


def normalize_rrule(text: str, *, start: datetime | None) -> str:
    """The canonical RRULE value: checked, and UNTIL in UTC as RFC 5545 requires with a TZID start.

    Editors may write UNTIL=20081231 (a local day: the series runs through that day). Raises
    ValueError with a message for the editor.
    """
    text = text.strip()
    text = re.sub(r"^RRULE:", "", text, flags=re.IGNORECASE).upper().replace(" ", "")
    try:
        parts = vRecur.from_ical(text)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(_("Die Wiederholungsregel ist nicht lesbar: %(error)s") % {"error": exc}) from exc
    freq = (parts.get("FREQ") or [None])[0]
    if freq not in ALLOWED_FREQUENCIES:
        raise ValueError(_("Die Regel braucht FREQ=DAILY, WEEKLY, MONTHLY oder YEARLY."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError(_("COUNT und UNTIL schließen einander aus."))
    if "COUNT" in parts and not 1 <= parts["COUNT"][0] <= MAX_OCCURRENCES:
        raise ValueError(_("COUNT muss zwischen 1 und %(max)s liegen.") % {"max": MAX_OCCURRENCES})
    if "UNTIL" in parts:
        parts["UNTIL"] = [_until_utc(parts["UNTIL"][0])]
    normalized = vRecur(parts).to_ical().decode()
    if start is not None:
        try:
            rrulestr(normalized, dtstart=timezone.localtime(start, local_tz()))
        except (ValueError, TypeError) as exc:
            raise ValueError(_("Die Wiederholungsregel ist ungültig: %(error)s") % {"error": exc}) from exc
    return normalized


def _until_utc(until) -> datetime:
    if not isinstance(until, datetime):  # a day: through its end, local time
        until = local_midnight(until + timedelta(days=1)) - timedelta(seconds=1)
    elif timezone.is_naive(until):
        until = until.replace(tzinfo=local_tz())
    return until.astimezone(UTC)


def rule_parts(event) -> dict:
    return dict(vRecur.from_ical(event.rrule)) if event.rrule else {}


def parse_exdates(text: str) -> list[date]:
    """Exception dates, one per line (or separated by commas); ValueError names the bad one."""
    dates = []
    for token in re.split(r"[\s,;]+", text or ""):
        if not token:
            continue
        for fmt in _EXDATE_FORMATS:
            try:
                dates.append(datetime.strptime(token, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise ValueError(_("„%(value)s“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT).") % {"value": token})
    return sorted(set(dates))


# --- occurrences ----------------------------------------------------------------------------------


def first_start(event) -> datetime:
    """The start of the first occurrence in local time, in whole seconds; all-day dates start at midnight.

    Whole seconds because a rule's starts are (dateutil drops the fraction of dtstart, RFC 5545 knows
    none): with a start taken from the clock (10:00:30.5) the rule's first start, 10:00:30, would fall
    before the series' start and the first date would be lost.
    """
    start = timezone.localtime(event.start, local_tz()).replace(microsecond=0)
    return local_midnight(start.date()) if event.all_day else start


def occurrence_end(event, start: datetime) -> datetime:
    if event.all_day:
        days = (local_date(event.end) - local_date(event.start)).days + 1
        return local_midnight(start.date() + timedelta(days=max(days, 1)))
    # The event's length in real time: adding it to a local time would add wall-clock hours, one
    # too few or too many across a daylight saving change (01:00 + 2 h on 28 March is 04:00 CEST).
    # (Aware datetimes of one zone subtract as wall-clock times too: the length is taken in UTC.)
    length = event.end.astimezone(UTC) - event.start.astimezone(UTC)
    return (start.astimezone(UTC) + length).astimezone(start.tzinfo)


def _span(event) -> timedelta:
    """An upper bound of one occurrence's length (all-day days may have 25 hours)."""
    start = first_start(event)
    return occurrence_end(event, start) - start + timedelta(hours=1)


def series_end(event) -> datetime | None:
    """Upper bound of when the last occurrence ends; None for a series without end."""
    if event.start is None or event.end is None:
        return None
    if not event.rrule:
        start = first_start(event)
        return max(occurrence_end(event, start), start)
    parts = rule_parts(event)
    if "UNTIL" in parts:
        return parts["UNTIL"][0] + _span(event)
    if "COUNT" in parts:
        rule = rrulestr(event.rrule, dtstart=first_start(event))
        last = list(itertools.islice(rule, MAX_OCCURRENCES))[-1]
        return occurrence_end(event, last)
    return None


# How many starts of a rule are remembered (see _rule_starts): a rule with COUNT (at most
# MAX_OCCURRENCES) entirely, a longer one up to here; beyond, it is iterated as it comes.
REMEMBERED_STARTS = 2 * MAX_OCCURRENCES


@functools.lru_cache(maxsize=512)
def _rule_starts(rrule: str, dtstart: datetime, zone: str) -> tuple[tuple[datetime, ...], bool]:
    """The first starts of a rule and whether that is all of them.

    Parsing a rule and stepping dateutil through it cost ~10 µs per date on every page that shows
    series ("alle Termine" expands every series of the next two years); the starts depend on
    nothing but the rule and its first start (with its time zone: equal instants in two zones
    repeat differently), so they are computed once per process (at most 512 rules of at most
    REMEMBERED_STARTS dates each).
    """
    rule = rrulestr(rrule, dtstart=dtstart)
    starts = tuple(itertools.islice(rule, REMEMBERED_STARTS + 1))
    return starts[:REMEMBERED_STARTS], len(starts) <= REMEMBERED_STARTS


def _rule_starts_from(rrule: str, dtstart: datetime, after: datetime):
    """The starts of a rule from `after` on (inclusive), in order: what rule.xafter(after, inc=True) gives."""
    starts, complete = _rule_starts(rrule, dtstart, str(dtstart.tzinfo))
    yield from starts[bisect.bisect_left(starts, after) :]
    if not complete:  # a long rule: on from where the remembered starts end
        after = max(after, starts[-1] + timedelta(microseconds=1))
        yield from rrulestr(rrule, dtstart=dtstart).xafter(after, inc=True)


def _starts(event, after: datetime, before: datetime):
    """Occurrence starts in [after, before), at most MAX_OCCURRENCES."""
    dtstart = first_start(event)
    if not event.rrule:
        if after <= dtstart < before:
            yield dtstart
        return
    skip = set(event.exception_dates) if event.exdates else ()
    produced = 0
    for start in _rule_starts_from(event.rrule, dtstart, max(after, dtstart)):
        if start >= before or produced >= MAX_OCCURRENCES:
            return
        if start.date() in skip:
            continue
        produced += 1
        yield start


def expand(events, start: datetime, end: datetime) -> list[Occurrence]:
    """All occurrences of `events` touching the window [start, end), ordered by start and title."""
    occurrences = []
    for event in events:
        for occurrence_start in _starts(event, start - _span(event), end):
            occurrence = Occurrence(event, occurrence_start, occurrence_end(event, occurrence_start))
            touches = occurrence.end > start or (occurrence.end == occurrence.start and occurrence.start >= start)
            if touches and occurrence.start < end:
                occurrences.append(occurrence)
    occurrences.sort(key=lambda o: (o.start, o.event.title_de.lower(), o.event.pk or 0))
    return occurrences


def occurrence_on(event, day: date) -> Occurrence | None:
    """The occurrence of a series starting on a given local day (for ?termin= links), if any."""
    day_start = local_midnight(day)
    for occurrence in expand([event], day_start, day_start + timedelta(days=1)):
        if local_date(occurrence.start) == day:
            return occurrence
    return None
