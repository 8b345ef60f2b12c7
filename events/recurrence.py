"""
Series of events: RFC 5545 RRULE strings, exception dates, and their expansion into occurrences.

The one expansion helper of the portal: every view and feed that shows dates calls `expand()` with
a bounded window, so a series without end never produces more than it shows. Rules are expanded in
local time (Europe/Berlin): a series at 10:00 stays at 10:00 across daylight saving time.
"""

import bisect
import functools
import itertools
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext, pgettext_lazy
from icalendar import vRecur

from events import links
from events.calendar import local_date, local_midnight, local_tz

logger = logging.getLogger(__name__)

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


def parse_exdates(text: str, *, strict: bool = True) -> list[date]:
    """Exception dates, one per line (or separated by commas); ValueError names the bad one.

    `strict=False` reads stored text: a token that is no date (a row written past the form) is skipped.
    """
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
            if not strict:
                logger.warning("Unreadable exception date %r skipped", token)
                continue
            raise ValueError(_("„%(value)s“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT).") % {"value": token})
    return sorted(set(dates))


# --- in words ------------------------------------------------------------------------------------

# Whole phrases for translators; "count" picks the plural form (ngettext_lazy with a key). The
# weekday names are the portal's own (a sentence needs "у середу", not Django's "Середа").
_WEEKDAY_NAMES = {
    "MO": pgettext_lazy("Wochentag in einer Terminserie", "Montag"),
    "TU": pgettext_lazy("Wochentag in einer Terminserie", "Dienstag"),
    "WE": pgettext_lazy("Wochentag in einer Terminserie", "Mittwoch"),
    "TH": pgettext_lazy("Wochentag in einer Terminserie", "Donnerstag"),
    "FR": pgettext_lazy("Wochentag in einer Terminserie", "Freitag"),
    "SA": pgettext_lazy("Wochentag in einer Terminserie", "Samstag"),
    "SU": pgettext_lazy("Wochentag in einer Terminserie", "Sonntag"),
}
_WEEKDAY_CODES = list(_WEEKDAY_NAMES)
_EVERY = {  # frequency: (interval 1, interval n)
    "DAILY": (gettext_lazy("täglich"),
              ngettext_lazy("alle %(count)s Tage", "alle %(count)s Tage", "count")),
    "WEEKLY": (gettext_lazy("jede Woche am %(weekdays)s"),
               ngettext_lazy("alle %(count)s Wochen am %(weekdays)s", "alle %(count)s Wochen am %(weekdays)s",
                             "count")),
    "MONTHLY": (gettext_lazy("jeden Monat am %(day)s."),
                ngettext_lazy("alle %(count)s Monate am %(day)s.", "alle %(count)s Monate am %(day)s.", "count")),
    "YEARLY": (gettext_lazy("jedes Jahr am %(day)s"),
               ngettext_lazy("alle %(count)s Jahre am %(day)s", "alle %(count)s Jahre am %(day)s", "count")),
}
_EVERY_NTH = {  # BYDAY=3WE of a monthly rule: (interval 1, interval n)
    1: (gettext_lazy("jeden 1. %(weekday)s im Monat"),
        ngettext_lazy("alle %(count)s Monate am 1. %(weekday)s", "alle %(count)s Monate am 1. %(weekday)s", "count")),
    2: (gettext_lazy("jeden 2. %(weekday)s im Monat"),
        ngettext_lazy("alle %(count)s Monate am 2. %(weekday)s", "alle %(count)s Monate am 2. %(weekday)s", "count")),
    3: (gettext_lazy("jeden 3. %(weekday)s im Monat"),
        ngettext_lazy("alle %(count)s Monate am 3. %(weekday)s", "alle %(count)s Monate am 3. %(weekday)s", "count")),
    4: (gettext_lazy("jeden 4. %(weekday)s im Monat"),
        ngettext_lazy("alle %(count)s Monate am 4. %(weekday)s", "alle %(count)s Monate am 4. %(weekday)s", "count")),
    -1: (gettext_lazy("jeden letzten %(weekday)s im Monat"),
         ngettext_lazy("alle %(count)s Monate am letzten %(weekday)s", "alle %(count)s Monate am letzten %(weekday)s",
                       "count")),
}
_TIMES = ngettext_lazy("%(rule)s, einmal", "%(rule)s, %(count)s-mal", "count")
_SIMPLE_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY"}


def describe(rrule: str, *, start: datetime, exdates=(), language: str | None = None) -> str:
    """The rule in a sentence of the active language (or `language`): "jeden 1. Dienstag im Monat bis
    31.12.2008", "alle 2 Wochen am Dienstag, 10-mal", "…, außer am 12.05.2008".

    `start` is the series' first start in local time (it names the day of a monthly or yearly rule).
    What the series editor (events.forms) cannot write, such as a hand-written rule from old data,
    is "Regelmäßiger Termin": never an error on a page.
    """
    if language:
        with translation.override(language):
            return describe(rrule, start=start, exdates=exdates)
    try:
        sentence = _rule_in_words(dict(vRecur.from_ical(rrule)), start)
    except (ValueError, TypeError, KeyError, IndexError):
        sentence = None
    if sentence is None:
        return _("Regelmäßiger Termin")
    if exdates:
        dates = [date_format(day, "SHORT_DATE_FORMAT") for day in sorted(exdates)]
        sentence = _("%(rule)s, außer am %(dates)s") % {"rule": sentence, "dates": _in_a_list(dates)}
    return sentence


def _rule_in_words(parts: dict, start: datetime) -> str | None:
    if not set(parts) <= _SIMPLE_PARTS:
        return None
    freq = parts["FREQ"][0]
    interval = int((parts.get("INTERVAL") or [1])[0])
    days = [re.fullmatch(r"([+-]?\d*)(MO|TU|WE|TH|FR|SA|SU)", str(value)) for value in parts.get("BYDAY", [])]
    if freq not in _EVERY or interval < 1 or None in days:
        return None
    values = {"count": interval}
    if freq == "WEEKLY":
        codes = {match[2] for match in days if not match[1]}
        if len(codes) != len(days):
            return None
        codes = codes or {_WEEKDAY_CODES[start.weekday()]}
        values["weekdays"] = _in_a_list([str(_WEEKDAY_NAMES[code]) for code in _WEEKDAY_CODES if code in codes])
        phrases = _EVERY[freq]
    elif freq == "MONTHLY" and days:
        if len(days) != 1 or not days[0][1] or int(days[0][1]) not in _EVERY_NTH:
            return None
        values["weekday"] = _WEEKDAY_NAMES[days[0][2]]
        phrases = _EVERY_NTH[int(days[0][1])]
    elif days:  # BYDAY with a daily or yearly rule
        return None
    else:
        values["day"] = start.day if freq == "MONTHLY" else date_format(start, "MONTH_DAY_FORMAT")
        phrases = _EVERY[freq]
    sentence = (phrases[0] if interval == 1 else phrases[1]) % values
    if "UNTIL" in parts:
        until = parts["UNTIL"][0]
        if isinstance(until, datetime):  # stored in UTC: the local day the series ends on
            until = timezone.localtime(until, local_tz()) if timezone.is_aware(until) else until
        return _("%(rule)s bis %(date)s") % {"rule": sentence, "date": date_format(until, "SHORT_DATE_FORMAT")}
    if "COUNT" in parts:
        return _TIMES % {"rule": sentence, "count": int(parts["COUNT"][0])}
    return sentence


def _in_a_list(items: list[str]) -> str:
    """"Montag, Mittwoch und Freitag" in the active language."""
    if len(items) < 2:
        return "".join(items)
    separator = pgettext("Trennzeichen einer Aufzählung", ", ")
    return _("%(items)s und %(last)s") % {"items": separator.join(items[:-1]), "last": items[-1]}


def summary(event) -> str:
    """An event's series in words (describe()); "" for a single date."""
    if not event.rrule:
        return ""
    try:
        exdates = event.exception_dates
    except ValueError:  # a stored typo: the dates as far as they are readable are not worth a guess
        exdates = ()
    return describe(event.rrule, start=first_start(event), exdates=exdates)


def date_count(event) -> int | None:
    """How many dates the series gives (exception dates left out); None for a series without end.
    At most MAX_OCCURRENCES (as every expansion)."""
    end = series_end(event)
    if end is None:
        return None
    return len(expand([event], first_start(event), end))


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
    if not readable_rule(event):
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


def readable_rule(event) -> str:
    """The event's rule, or "" when it cannot be read: a row written past the form's checks (old data, an
    import) then shows its first date only, never an error on a page."""
    if not event.rrule:
        return ""
    dtstart = first_start(event)
    try:
        _rule_starts(event.rrule, dtstart, str(dtstart.tzinfo))  # remembered: costs nothing on the next call
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        logger.warning("Unreadable rule %r of event %s: shown as a single date", event.rrule, event.pk)
        return ""
    return event.rrule


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
    rrule = readable_rule(event)
    if not rrule:
        if after <= dtstart < before:
            yield dtstart
        return
    skip = set(event.exception_dates) if event.exdates else ()
    produced = 0
    for start in _rule_starts_from(rrule, dtstart, max(after, dtstart)):
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
