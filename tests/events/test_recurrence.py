"""Series (RRULE + exception dates), their expansion into occurrences, and the model's rules."""

import itertools
from datetime import UTC, date, timedelta

import pytest
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError

from events import recurrence
from events.calendar import local_midnight, local_tz
from events.models import Event
from managers.models import Organisation

from .factories import EventFactory, local


def _event(**fields):
    defaults = {"title_de": "Serie", "slug": "serie", "start": local(2008, 2, 5, 14), "end": local(2008, 2, 5, 16)}
    defaults.update(fields)
    event = Event(**defaults)
    if event.rrule:
        event.rrule = recurrence.normalize_rrule(event.rrule, start=event.start)
    event.series_end = recurrence.series_end(event)
    return event


def test_until_as_a_local_day_becomes_utc_end_of_that_day():
    rule = recurrence.normalize_rrule("rrule:freq=monthly;byday=1tu;until=20081231", start=local(2008, 2, 5, 14))
    assert rule == "FREQ=MONTHLY;UNTIL=20081231T225959Z;BYDAY=1TU"
    # Normalising twice changes nothing.
    assert recurrence.normalize_rrule(rule, start=local(2008, 2, 5, 14)) == rule


@pytest.mark.parametrize(
    "rule",
    ["FREQ=SECONDLY", "FREQ=HOURLY", "unsinn", "FREQ=DAILY;COUNT=5000", "FREQ=DAILY;COUNT=2;UNTIL=20080101",
     "FREQ=WEEKLY;BYDAY=XX", "BYDAY=MO"],
)
def test_bad_rules_are_refused(rule):
    with pytest.raises(ValueError):
        recurrence.normalize_rrule(rule, start=local(2008, 2, 5, 14))


def test_monthly_series_skips_its_exception_and_keeps_local_time_across_dst():
    event = _event(rrule="FREQ=MONTHLY;BYDAY=1TU;UNTIL=20081231", exdates="05.08.2008")
    occurrences = recurrence.expand([event], local(2008, 1, 1, 0), local(2009, 1, 1, 0))
    days = [o.start.date() for o in occurrences]
    assert date(2008, 8, 5) not in days
    assert len(days) == 10  # February to December, without August
    assert {(o.start.hour, o.end.hour) for o in occurrences} == {(14, 16)}  # CET and CEST alike
    assert {o.start.utcoffset() for o in occurrences} == {timedelta(hours=1), timedelta(hours=2)}
    assert event.series_end >= occurrences[-1].end


def test_window_cuts_a_series_without_end():
    event = _event(rrule="FREQ=WEEKLY")
    assert event.series_end is None
    occurrences = recurrence.expand([event], local(2030, 1, 1, 0), local(2030, 2, 1, 0))
    assert [o.start.day for o in occurrences] == [1, 8, 15, 22, 29]  # the Tuesdays of January 2030
    assert all(o.start.year == 2030 for o in occurrences)


def test_multi_day_occurrence_touches_each_of_its_days():
    event = _event(start=local(2008, 5, 15, 10), end=local(2008, 5, 16, 15))
    [occurrence] = recurrence.expand([event], local(2008, 5, 16, 0), local(2008, 5, 17, 0))
    assert occurrence.is_multi_day and occurrence.last_day == date(2008, 5, 16)


def test_all_day_event_ends_at_midnight_after_its_last_day():
    event = _event(all_day=True, start=local(2008, 5, 24, 0), end=local(2008, 5, 25, 0))
    [occurrence] = recurrence.expand([event], local(2008, 5, 1, 0), local(2008, 6, 1, 0))
    assert occurrence.end == local(2008, 5, 26, 0)
    assert occurrence.last_day == date(2008, 5, 25)


def test_exception_dates_accept_german_and_iso_dates():
    assert recurrence.parse_exdates("05.08.2008\n2008-09-02, 2008-09-02") == [date(2008, 8, 5), date(2008, 9, 2)]
    with pytest.raises(ValueError):
        recurrence.parse_exdates("gestern")


@pytest.mark.django_db
def test_end_before_start_is_a_validation_error():
    event = EventFactory.build(start=local(2008, 5, 6, 16), end=local(2008, 5, 6, 14),
                               organiser=Organisation.objects.get(slug="iqz"))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end" in error.value.message_dict


@pytest.mark.django_db
def test_model_validation_names_bad_rules_and_orphan_exceptions():
    iqz = Organisation.objects.get(slug="iqz")
    with pytest.raises(ValidationError) as error:
        EventFactory.build(organiser=iqz, rrule="FREQ=MINUTELY").full_clean()
    assert "rrule" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventFactory.build(organiser=iqz, exdates="2008-08-05").full_clean()
    assert "exdates" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventFactory.build(organiser=iqz, slug="archiv").full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_saving_stores_the_canonical_rule_and_the_series_end():
    event = EventFactory(start=local(2030, 1, 7, 9), end=local(2030, 1, 7, 10), rrule="FREQ=DAILY;COUNT=3")
    assert event.series_end == local(2030, 1, 9, 10)
    single = EventFactory(start=local(2030, 1, 7, 9), end=local(2030, 1, 7, 10))
    assert single.series_end == single.end


# --- remembered series starts -------------------------------------------------------------------

@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;COUNT=12", "FREQ=MONTHLY;UNTIL=20081231T225959Z;BYDAY=1TU", "FREQ=DAILY", "FREQ=WEEKLY"]
)
def test_remembered_rule_starts_are_dateutils(rule):
    dtstart = local(2008, 2, 5, 14)
    afters = [dtstart, local(2008, 3, 1, 0), local(2008, 6, 3, 14),
              dtstart + timedelta(days=recurrence.REMEMBERED_STARTS - 3),  # across the end of what is remembered
              local(2016, 1, 1, 0), local(2060, 1, 1, 0)]
    for after in afters:
        expected = list(itertools.islice(rrulestr(rule, dtstart=dtstart).xafter(after, inc=True), 30))
        assert list(itertools.islice(recurrence._rule_starts_from(rule, dtstart, after), 30)) == expected, after


def test_the_same_instant_in_another_zone_is_another_series():
    rule = "FREQ=MONTHLY;COUNT=6"
    berlin = local(2008, 2, 5, 14)
    utc = berlin.astimezone(UTC)
    in_utc = list(recurrence._rule_starts_from(rule, utc, utc))  # remembered first, under an equal key
    in_berlin = list(recurrence._rule_starts_from(rule, berlin, berlin))
    assert {start.astimezone(local_tz()).hour for start in in_berlin} == {14}  # local time across DST
    assert {start.astimezone(local_tz()).hour for start in in_utc} == {14, 15}


@pytest.mark.django_db
def test_expanding_a_saved_series_twice_gives_the_same_dates():
    event = Event.objects.get(slug="sprechstunde-familienmanagement-2008")
    window = (local_midnight(date(2008, 1, 1)), local_midnight(date(2009, 1, 1)))
    first = recurrence.expand([event], *window)
    assert first == recurrence.expand([event], *window)
    assert len(first) == 10 and date(2008, 8, 5) not in {o.start.date() for o in first}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (local(2027, 3, 28, 1), local(2027, 3, 28, 4)),  # 01:00 CET to 04:00 CEST: two hours
        (local(2027, 10, 31, 1), local(2027, 10, 31, 4)),  # 01:00 CEST to 04:00 CET: four hours
    ],
)
def test_a_date_across_a_daylight_saving_change_ends_when_it_ends(start, end):
    event = _event(start=start, end=end)
    [occurrence] = recurrence.expand([event], start - timedelta(days=1), end + timedelta(days=1))
    assert occurrence.end == end and occurrence.end.utcoffset() == end.utcoffset()
    assert event.series_end == end


@pytest.mark.parametrize("second, microsecond", [(30, 0), (30, 500_000), (0, 1)], ids=["10:00:30", "10:00:30.5",
                                                                                    "10:00:00.000001"])
def test_a_series_starting_at_seconds_keeps_its_first_date(second, microsecond):
    """A start with seconds (and a fraction of one, as a start taken from the clock has) is the first date:
    the rule's starts are whole seconds, the first of them must not fall before the series' start."""
    start = local(2027, 5, 5, 10).replace(second=second, microsecond=microsecond)
    event = _event(start=start, end=start + timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=3")
    dates = recurrence.expand([event], local(2027, 5, 1), local(2027, 6, 30))
    assert [o.start.date() for o in dates] == [date(2027, 5, 5), date(2027, 5, 12), date(2027, 5, 19)]
    assert recurrence.occurrence_on(event, date(2027, 5, 5)) is not None
    assert dates[0].start == recurrence.first_start(event)
    assert recurrence.series_end(event) >= dates[-1].end
