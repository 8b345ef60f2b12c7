"""OccurrenceWindow (the paged reads of "alle Termine", archive, feeds, plugin) gives exactly what
expanding every event of the window would give, for any slice, while reading only what it shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import selectors
from events.calendar import local_midnight
from events.recurrence import expand

from .factories import EventFactory, bulk_events

pytestmark = pytest.mark.django_db


def _keys(occurrences):
    return [(o.event.pk, o.start, o.end) for o in occurrences]


@pytest.fixture
def mixed_events():
    now = timezone.now()
    first = now + timedelta(days=1)
    bulk_events(60, first=first, step=timedelta(hours=7), prefix="fenster")
    bulk_events(5, first=first, step=timedelta(0), prefix="gleichzeitig")  # ties at the same start
    EventFactory(slug="ganztags", start=first + timedelta(days=2, hours=11), all_day=True)
    EventFactory(slug="laeuft-schon", start=now - timedelta(days=1), end=now + timedelta(days=1))
    EventFactory(slug="serie-woche", start=first + timedelta(hours=3), rrule="FREQ=WEEKLY;COUNT=20")
    EventFactory(slug="serie-tag", start=now - timedelta(days=40), rrule="FREQ=DAILY;COUNT=60")
    return now


@pytest.mark.parametrize("bounds", [(0, 3), (0, 20), (20, 40), (55, 75), (80, 200)])
def test_upcoming_slices_match_the_full_expansion(mixed_events, bounds):
    now = mixed_events
    end = now + selectors.UPCOMING_HORIZON
    everything = expand(selectors.public_events().overlapping(now, end), now, end)
    window = selectors.OccurrenceWindow(selectors.public_events(), now, end)
    first, stop = bounds
    assert _keys(window[first:stop]) == _keys(everything[first:stop])
    assert len(window) == len(everything)


@pytest.mark.parametrize("bounds", [(0, 20), (20, 40)])
def test_archive_slices_match_the_full_expansion(mixed_events, bounds):
    now = mixed_events
    start = local_midnight(selectors.ARCHIVE_START)
    everything = [o for o in reversed(expand(selectors.public_events().overlapping(start, now), start, now))
                  if o.end <= now]
    window = selectors.OccurrenceWindow(selectors.public_events(), start, now, ends_by=now, newest_first=True)
    first, stop = bounds
    assert _keys(window[first:stop]) == _keys(everything[first:stop])


def test_the_first_dates_read_a_bounded_number_of_rows(mixed_events):
    now = mixed_events
    bulk_events(2000, first=now + timedelta(days=30), step=timedelta(hours=5), prefix="viele")
    window = selectors.OccurrenceWindow(selectors.public_events(), now, now + selectors.UPCOMING_HORIZON)
    with CaptureQueriesContext(connection) as queries:
        shown = window[:3]
    assert len(shown) == 3
    assert len(queries) == 2  # the single dates up to the third, the series up to there
