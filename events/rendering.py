"""
HTML of the calendar's hot loops, built in Python: the month grid (page and sidebar) and the date
cards of every list ("alle Termine", a day, a month, an organiser's year, "Nächste Termine").

Through templates a month page cost ~50 ms: per day cell a `{% url %}`, `|date` filters and a
`{% blocktranslate count %}`, per date card two `{% include %}`s with ~15 variable lookups and
filters. Here everything that is the same for the whole page happens once per request and language
(`CalendarRenderer`: URL patterns from one reverse() each, translated labels, a memo that formats
each date once with Django's own formatter) and a cell or card is a handful of f-strings.

The markup is what the templates produced (same elements, classes, attributes, ARIA, wording);
every value from the database or a translation is escaped with `html.escape` (what Django's
`escape` does) before it is put into the HTML, and the public functions return SafeString.
"""

import re
from datetime import date, datetime, timedelta
from html import escape

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

from events.calendar import MonthGrid
from familie_portal.translation import translated

# Stand-ins reverse() accepts for the URL parameters; replaced by the real values per item.
_SENTINELS = {"slug": "zz-slug-zz", "year": "98761", "month": "98762", "day": "98763"}
_MICROSECOND = timedelta(microseconds=1)
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")  # what <slug:…> matches, so the result equals reverse()'s


class _UrlPattern:
    """A calendar URL built like reverse(name) would, with one reverse() per page instead of per item."""

    def __init__(self, name: str, *params: str):
        self.name = name
        try:
            url = reverse(name, kwargs={param: _SENTINELS[param] for param in params})
        except NoReverseMatch:
            self.hooked, self.pattern = False, None  # the calendar page is not hooked (yet): no links
            return
        self.hooked = True
        pattern = url.replace("{", "{{").replace("}", "}}")
        for param in params:
            if pattern.count(_SENTINELS[param]) != 1:  # a stand-in also in the page's path: reverse() each
                self.pattern = None
                return
            pattern = pattern.replace(_SENTINELS[param], "{%s}" % param)  # noqa: UP031 - a format pattern
        self.pattern = pattern  # "/veranstaltungen/{year}/{month}/"

    def __call__(self, **values) -> str | None:
        if not self.hooked:
            return None
        if self.pattern is None:
            return reverse(self.name, kwargs=values)
        return self.pattern.format(**values)


# The formats the calendar's HTML uses: date formats depend on the local day only, the time format on
# the local time of day (and its UTC offset); "c" is ISO 8601, what the |date filter's "c" gives.
DATE_FORMATS = frozenset({"DATE_FORMAT", "l", "F", "F Y", "Y-m-d"})
TIME_FORMATS = frozenset({"TIME_FORMAT"})
_texts: dict = {}  # (language, day or time of day, format) -> escaped text, for every request
_TEXTS_MAX = 20_000


@receiver(setting_changed)
def _forget_texts(**kwargs):
    """Formats and translations may differ after a settings change (tests): as Django's own format cache."""
    _texts.clear()


class DateText:
    """`{{ value|date:fmt }}` of a template, escaped; each day and time of day is formatted once per
    language and process (a month page has ~35 days and a dozen times of day, but ~500 dates to write)."""

    def __init__(self, language: str | None = None):
        self.language = language or get_language()
        self.zone = timezone.get_current_timezone()

    def local(self, value: datetime) -> datetime:
        """What the |date filter formats: the value in the current time zone (occurrences already are)."""
        return value if value.tzinfo is self.zone else timezone.template_localtime(value)

    def __call__(self, value, fmt: str) -> str:
        if isinstance(value, datetime):
            value = self.local(value)
            if fmt == "c":
                return value.isoformat()
            if fmt in TIME_FORMATS:
                time_of_day = (value.hour, value.minute, value.second, value.microsecond, value.utcoffset())
                key = (self.language, time_of_day, fmt)
            else:
                key = (self.language, value.date(), fmt)
        else:
            key = (self.language, value, fmt)
        text = _texts.get(key)
        if text is None:
            if fmt not in DATE_FORMATS and fmt not in TIME_FORMATS:
                raise ValueError(f"DateText knows no format {fmt!r}")
            if len(_texts) > _TEXTS_MAX:
                _texts.clear()
            text = _texts[key] = escape(formats.date_format(value, fmt))
        return text

    def day(self, value) -> str:
        """"Dienstag, 6. Mai 2008": the weekday and the date, as every date card and day heading shows it."""
        return f"{self(value, 'l')}, {self(value, 'DATE_FORMAT')}"


class CalendarRenderer:
    """What every cell and card of one page needs, computed once (see the module docstring)."""

    def __init__(self):
        self.text = DateText()
        self._detail = _UrlPattern("events:detail", "slug")
        self._day = _UrlPattern("events:day", "year", "month", "day")
        self._month = _UrlPattern("events:month", "year", "month")
        self.all_day = escape(gettext("ganztägig"))
        self.series = escape(gettext("Serientermin"))
        self.booked_out = escape(gettext("ausgebucht"))
        self.week = escape(gettext("Kalenderwoche"))
        self.week_short = escape(gettext("KW"))

    # --- URLs -----------------------------------------------------------------------------------
    def event_url(self, event) -> str:
        """event.get_absolute_url() without a reverse() per event ("" while the calendar is not hooked)."""
        if not self._detail.hooked or not _SLUG.match(event.slug):
            return event.get_absolute_url()
        return self._detail(slug=event.slug)

    def occurrence_url(self, occurrence) -> str:
        """Occurrence.get_absolute_url(): a series date links to its day (?termin=)."""
        url = self.event_url(occurrence.event)
        if url and occurrence.event.rrule:
            url += f"?termin={self.text(occurrence.start, 'Y-m-d')}"
        return url

    def day_url(self, day: date) -> str | None:
        return self._day(year=day.year, month=day.month, day=day.day)

    def month_url(self, first: date) -> str | None:
        return self._month(year=first.year, month=first.month)

    # --- dates ------------------------------------------------------------------------------------
    def when(self, occurrence) -> SafeString:
        """When an occurrence takes place, in <time> elements (machine-readable dates)."""
        text = self.text
        start = text.local(occurrence.start)
        end = occurrence.end
        # Occurrence.last_day and .is_multi_day, without a time zone look-up each.
        last_day = text.local(end - _MICROSECOND).date() if end > start else start.date()
        multi_day = last_day != start.date()
        if occurrence.all_day:
            html = f'<time datetime="{text(start, "Y-m-d")}">{text.day(start)}</time>'
            if multi_day:
                html += f' – <time datetime="{text(last_day, "Y-m-d")}">{text.day(last_day)}</time>'
            return SafeString(f"{html} ({self.all_day})")
        ends = f"{text.day(end)}, " if multi_day else ""
        return SafeString(
            f'<time datetime="{text(start, "c")}">{text.day(start)}, {text(start, "TIME_FORMAT")}</time>'
            f' – <time datetime="{text(end, "c")}">{ends}{text(end, "TIME_FORMAT")}</time>'
        )

    # --- date cards -------------------------------------------------------------------------------
    def occurrence_item(self, occurrence, level: int = 2) -> str:
        """One date in a list: title (a heading of `level`), when, organiser and facts, lead."""
        event = occurrence.event
        language = self.text.language
        meta = escape(event.organiser.display_name)
        if event.venue_city:
            meta += f" · {escape(event.venue_city)}"
        if event.category_id:
            meta += f" · {escape(translated(event.category, 'name', language))}"
        if event.rrule:
            meta += f" · {self.series}"
        if event.booked_out:
            meta += f" · <strong>{self.booked_out}</strong>"
        lead = translated(event, "lead", language)
        lead = f'<p class="event-item__lead">{escape(lead)}</p>' if lead else ""
        return (
            f'<li class="event-item"><article>'
            f'<h{level} class="event-item__title"><a href="{escape(self.occurrence_url(occurrence))}">'
            f"{escape(translated(event, 'title', language))}</a></h{level}>"
            f'<p class="event-item__when">{self.when(occurrence)}</p>'
            f'<p class="meta">{meta}</p>{lead}</article></li>'
        )

    def occurrence_items(self, occurrences, level: int = 2) -> SafeString:
        """The <li> cards of a list (the caller writes the <ul>)."""
        return SafeString("\n".join(self.occurrence_item(occurrence, level) for occurrence in occurrences))

    def day_sections(self, days) -> SafeString:
        """The month page's list below the grid: a section per day with events, its cards at level 4."""
        sections = []
        for day in days:
            iso = self.text(day.date, "Y-m-d")
            url = self.day_url(day.date)
            heading = self.text.day(day.date)
            if url is not None:
                heading = f'<a href="{escape(url)}">{heading}</a>'
            sections.append(
                f'<section class="events-day" aria-labelledby="tag-{iso}"><h3 id="tag-{iso}">{heading}</h3>\n'
                f'<ul class="card-list event-list">\n{self.occurrence_items(day.occurrences, 4)}\n</ul></section>'
            )
        return SafeString("\n".join(sections))

    # --- the month grid -----------------------------------------------------------------------------
    def month_table(self, grid: MonthGrid, *, mini: bool = False, show_weeks: bool = True) -> SafeString:
        """
        The month as a table: a column per weekday (Monday first), a row per ISO week headed by its
        number (and its ISO year where that differs from the month's), linked days with events.
        """
        text = self.text
        month_name = text(grid.first, "F Y")
        if mini:
            url = self.month_url(grid.first)
            caption = f'<a href="{escape(url)}">{month_name}</a>' if url else month_name
        else:
            caption = escape(gettext("Veranstaltungskalender %(month)s")) % {"month": month_name}
        head = [f'<th scope="col"><abbr title="{escape(name)}">{escape(short)}</abbr></th>'
                for name, short in grid.weekday_headers]
        if show_weeks:
            head.insert(
                0, f'<th scope="col" class="cal__week-head"><abbr title="{self.week}">{self.week_short}</abbr></th>'
            )
        rows = []
        for week in grid.weeks:
            cells = []
            if show_weeks:
                # The ISO year where it is not the month's: week 1 of 2026 in December 2025.
                other_year = ""
                if week.iso_year != grid.year:
                    other_year = f'<span class="visually-hidden"> ({week.iso_year})</span>'
                cells.append(
                    f'<th scope="row" class="cal__week" data-iso-week="{week.iso_week}"'
                    f' data-iso-year="{week.iso_year}"><span class="visually-hidden">{self.week} </span>'
                    f"{week.iso_week}{other_year}</th>"
                )
            cells.extend(self._day_cell(day, mini) for day in week.days)
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return SafeString(
            f'<table class="cal{" cal--mini" if mini else ""}">\n<caption>{caption}</caption>\n'
            f"<thead><tr>{''.join(head)}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )

    def _day_cell(self, day, mini: bool) -> str:
        the_date = day.date
        classes = "cal__day"
        if not day.in_month:
            classes += " cal__day--other"
        if day.is_today:
            classes += " cal__day--today"
        if day.occurrences:
            classes += " cal__day--events"
        current = ' aria-current="date"' if day.is_today else ""
        url = self.day_url(the_date) if day.occurrences else None
        if url:
            count = len(day.occurrences)
            label = escape(
                ngettext("%(date)s: %(counter)s Veranstaltung", "%(date)s: %(counter)s Veranstaltungen", count)
            ) % {"date": self.text(the_date, "DATE_FORMAT"), "counter": count}
            content = f'<a href="{escape(url)}" aria-label="{label}">{the_date.day}</a>'
            if not mini:
                content += f'<span class="cal__count" aria-hidden="true">{count}</span>'
        else:
            content = f'<span class="cal__num">{the_date.day}</span>'
        if not day.in_month:
            content += f'<span class="visually-hidden"> ({self.text(the_date, "F")})</span>'
        return f'<td class="{classes}" data-date="{self.text(the_date, "Y-m-d")}"{current}>{content}</td>'


def renderer_for(request) -> CalendarRenderer:
    """The page's renderer: one per request and language (a page may render several lists)."""
    if request is None:
        return CalendarRenderer()
    renderers = request.__dict__.setdefault("_events_renderers", {})
    language = get_language()
    if language not in renderers:
        renderers[language] = CalendarRenderer()
    return renderers[language]
