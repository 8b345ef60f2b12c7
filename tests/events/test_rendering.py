"""
The calendar's HTML built in Python (events.rendering): the markup the templates gave - table
semantics, ISO weeks, links, wording - escaped, in both languages.
"""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from events import recurrence
from events.calendar import month_grid
from events.models import Category
from events.recurrence import Occurrence
from events.rendering import CalendarRenderer, DateText
from managers.models import Organisation

from .factories import EventFactory, local


def _occurrence(event, start=None, end=None) -> Occurrence:
    start = start or recurrence.first_start(event)
    return Occurrence(event, start, end or recurrence.occurrence_end(event, start))


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["de", "en"])
def test_date_text_writes_what_the_date_filter_writes(language):
    values = [
        local(2008, 5, 6, 14), local(2008, 12, 31, 23, 59), local(2008, 10, 26, 2, 30),  # the DST change
        datetime(2008, 5, 6, 22, 30, tzinfo=UTC),  # another zone: the local day is already the 7th
        date(2008, 5, 24), date(2025, 12, 29),
    ]
    template = Template("{{ value|date:format }}")
    with translation.override(language):
        text = DateText()
        for value in values:
            for fmt in ["DATE_FORMAT", "l", "F", "F Y", "Y-m-d", "TIME_FORMAT", "c"]:
                if fmt in ("TIME_FORMAT", "c") and not isinstance(value, datetime):
                    continue
                expected = template.render(Context({"value": value, "format": fmt}))
                assert text(value, fmt) == expected, (value, fmt)
                assert text(value, fmt) == expected, "the remembered text is the same"


def test_date_text_refuses_formats_it_cannot_remember_by_day():
    with pytest.raises(ValueError):
        DateText()(local(2008, 5, 6, 14), "j.n. H:i")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        (local(2008, 5, 6, 14), local(2008, 5, 6, 16), False,
         '<time datetime="2008-05-06T14:00:00+02:00">Dienstag, 6. Mai 2008, 14:00</time>'
         ' – <time datetime="2008-05-06T16:00:00+02:00">16:00</time>'),
        (local(2008, 5, 15, 9), local(2008, 5, 16, 17), False,
         '<time datetime="2008-05-15T09:00:00+02:00">Donnerstag, 15. Mai 2008, 09:00</time>'
         ' – <time datetime="2008-05-16T17:00:00+02:00">Freitag, 16. Mai 2008, 17:00</time>'),
        # Ending at midnight is still the same day (the end is exclusive).
        (local(2008, 5, 6, 22), local(2008, 5, 7, 0), False,
         '<time datetime="2008-05-06T22:00:00+02:00">Dienstag, 6. Mai 2008, 22:00</time>'
         ' – <time datetime="2008-05-07T00:00:00+02:00">00:00</time>'),
        (local(2008, 5, 24, 10), local(2008, 5, 24, 10), True,
         '<time datetime="2008-05-24">Samstag, 24. Mai 2008</time> (ganztägig)'),
        (local(2008, 5, 24, 10), local(2008, 5, 25, 10), True,
         '<time datetime="2008-05-24">Samstag, 24. Mai 2008</time>'
         ' – <time datetime="2008-05-25">Sonntag, 25. Mai 2008</time> (ganztägig)'),
    ],
)
def test_when_an_occurrence_takes_place(start, end, all_day, expected):
    event = EventFactory.build(start=start, end=end, all_day=all_day)
    assert CalendarRenderer().when(_occurrence(event)) == expected


# --- date cards ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_card_shows_every_fact_and_escapes_every_value():
    organiser = Organisation.objects.get(slug="iqz")
    event = EventFactory.build(
        slug="fest-2008", title_de='<b>Fest</b> & "mehr"', lead_de="<i>kurz</i>", venue_city="Bochum & Herne",
        booked_out=True, category=Category.objects.get(slug="werkstatt"), organiser=organiser,
        start=local(2008, 5, 6, 14), end=local(2008, 5, 6, 16), rrule="FREQ=WEEKLY;COUNT=2",
    )
    html = CalendarRenderer().occurrence_item(_occurrence(event), 3)
    assert html == (
        '<li class="event-item"><article>'
        '<h3 class="event-item__title"><a href="/veranstaltungen/fest-2008/?termin=2008-05-06">'
        "&lt;b&gt;Fest&lt;/b&gt; &amp; &quot;mehr&quot;</a></h3>"
        '<p class="event-item__when"><time datetime="2008-05-06T14:00:00+02:00">Dienstag, 6. Mai 2008, 14:00</time>'
        ' – <time datetime="2008-05-06T16:00:00+02:00">16:00</time></p>'
        '<p class="meta">IQZ · Bochum &amp; Herne · Werkstatt · Serientermin · <strong>ausgebucht</strong></p>'
        '<p class="event-item__lead">&lt;i&gt;kurz&lt;/i&gt;</p></article></li>'
    )


@pytest.mark.django_db
def test_english_cards_fall_back_to_german_field_by_field():
    event = EventFactory.build(slug="nur-deutsch", title_de="Nur deutsch", title_en="", lead_de="Kurz",
                               lead_en="Short", start=local(2008, 5, 6, 14), end=local(2008, 5, 6, 16))
    with translation.override("en"):
        html = CalendarRenderer().occurrence_item(_occurrence(event))
    assert '<a href="/en/events/nur-deutsch/">Nur deutsch</a>' in html
    assert '<p class="event-item__lead">Short</p>' in html and "Tuesday, 6 May 2008, 14:00" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_links_are_what_reverse_gives(language):
    single = EventFactory.build(slug="einzeln-1")
    series = EventFactory.build(slug="serie_2", rrule="FREQ=WEEKLY;COUNT=2", start=local(2008, 5, 6, 14),
                                end=local(2008, 5, 6, 15))
    odd = EventFactory.build(slug="mit leerzeichen")  # no valid slug: no link, as reverse() gives none
    with translation.override(language):
        renderer = CalendarRenderer()
        for event in (single, series, odd):
            occurrence = _occurrence(event)
            assert renderer.occurrence_url(occurrence) == occurrence.get_absolute_url()
        prefix = {"de": "/veranstaltungen/", "en": "/en/events/"}[language]
        assert renderer.day_url(date(2008, 5, 6)) == f"{prefix}2008/5/6/"


# --- the month grid -----------------------------------------------------------------------------

def _week_headers(html: str) -> list[tuple[str, str, str]]:
    pattern = r'<th scope="row" class="cal__week" data-iso-week="(\d+)" data-iso-year="(\d+)">(.*?)</th>'
    return re.findall(pattern, html)


@pytest.mark.django_db
def test_month_table_has_table_semantics_and_iso_weeks_with_their_year():
    html = CalendarRenderer().month_table(month_grid(2025, 12, today=date(2025, 12, 3)))
    assert html.startswith('<table class="cal">\n<caption>Veranstaltungskalender Dezember 2025</caption>')
    assert html.count('<th scope="col"') == 8
    assert '<th scope="col" class="cal__week-head"><abbr title="Kalenderwoche">KW</abbr></th>' in html
    assert '<th scope="col"><abbr title="Montag">Mo</abbr></th>' in html
    weeks = _week_headers(html)
    assert [(week, year) for week, year, _text in weeks] == [
        ("49", "2025"), ("50", "2025"), ("51", "2025"), ("52", "2025"), ("1", "2026")
    ]
    assert weeks[0][2] == '<span class="visually-hidden">Kalenderwoche </span>49'
    assert weeks[-1][2] == (
        '<span class="visually-hidden">Kalenderwoche </span>1<span class="visually-hidden"> (2026)</span>'
    )
    assert ('<td class="cal__day cal__day--today" data-date="2025-12-03" aria-current="date">'
            '<span class="cal__num">3</span></td>') in html
    assert ('<td class="cal__day cal__day--other" data-date="2026-01-04"><span class="cal__num">4</span>'
            '<span class="visually-hidden"> (Januar)</span></td>') in html
    assert html.count("<tr>") == 6 and html.endswith("</tbody>\n</table>")


@pytest.mark.django_db
def test_days_with_events_link_to_the_day_and_say_how_many():
    event = EventFactory.build(start=local(2008, 5, 6, 9), end=local(2008, 5, 6, 10))
    other = EventFactory.build(start=local(2008, 5, 6, 14), end=local(2008, 5, 8, 10))  # three days
    grid = month_grid(2008, 5, occurrences=[_occurrence(event), _occurrence(other)], today=date(2000, 1, 1))
    html = CalendarRenderer().month_table(grid)
    assert ('<td class="cal__day cal__day--events" data-date="2008-05-06"><a href="/veranstaltungen/2008/5/6/"'
            ' aria-label="6. Mai 2008: 2 Veranstaltungen">6</a><span class="cal__count" aria-hidden="true">2</span>'
            "</td>") in html
    assert 'aria-label="8. Mai 2008: 1 Veranstaltung">8</a>' in html
    assert 'data-date="2008-05-09"><span class="cal__num">9</span></td>' in html

    mini = CalendarRenderer().month_table(grid, mini=True, show_weeks=False)
    assert mini.startswith('<table class="cal cal--mini">\n<caption><a href="/veranstaltungen/2008/5/">Mai 2008</a>')
    assert "cal__count" not in mini and "cal__week" not in mini
    assert 'aria-label="6. Mai 2008: 2 Veranstaltungen"' in mini

    with translation.override("en"):
        english = CalendarRenderer().month_table(grid)
    assert '<a href="/en/events/2008/5/6/" aria-label="6 May 2008: 2 events">6</a>' in english
    assert "<caption>Events calendar, May 2008</caption>" in english
    assert '<abbr title="Week">Wk</abbr>' in english and '<abbr title="Monday">Mon</abbr>' in english


@pytest.mark.django_db
@pytest.mark.urls("tests.events.urls_without_calendar")
def test_without_the_calendar_page_the_grid_has_no_links():
    event = EventFactory.build(start=local(2008, 5, 6, 9), end=local(2008, 5, 6, 10))
    grid = month_grid(2008, 5, occurrences=[_occurrence(event)], today=date(2000, 1, 1))
    renderer = CalendarRenderer()
    html = renderer.month_table(grid, mini=True)
    assert "<a " not in html and "<caption>Mai 2008</caption>" in html
    assert 'data-date="2008-05-06"><span class="cal__num">6</span>' in html
    assert renderer.occurrence_url(_occurrence(event)) == ""
    assert '<h3 id="tag-2008-05-06">Dienstag, 6. Mai 2008</h3>' in renderer.day_sections(grid.days_with_events)


@pytest.mark.django_db
def test_a_url_stand_in_that_is_not_unique_falls_back_to_reverse(monkeypatch):
    from events import rendering

    monkeypatch.setitem(rendering._SENTINELS, "year", "2")  # "2" is also in the other stand-ins
    renderer = CalendarRenderer()
    assert renderer._day.hooked and renderer._day.pattern is None
    assert renderer.day_url(date(2008, 5, 6)) == "/veranstaltungen/2008/5/6/"
