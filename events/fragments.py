"""
What the calendar caches for visitors (familie_portal.fragments: keys hold the cache generation,
which every publish and every saved portal row bumps, the site and the language; editors always get
a fresh render), and why each stays fresh:

- the month's grid and dates (templates/events/month.html), per year and month, and today's date
  while the grid shows it (it is marked): nothing else in it changes without a save;
- a day's dates (templates/events/day.html), per day: only saved content changes them;
- the filter form of the date lists (templates/events/occurrence_list.html), per submitted values:
  the choices change only with saved content, the shown values and errors follow from the values;
- a page of "alle Termine" (the same template), per filter values, page and *validity*: see
  `RememberedDates`;
- "Nächste Termine" (UpcomingEventsPlugin on the home page), per plugin and per *validity*: see
  `UpcomingDates`.

The sidebar's mini calendar is part of the cached sidebar (its plugin declares the month shown and
today as what it varies on).
"""

from collections.abc import Sequence
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language

from events import selectors
from familie_portal import fragments


class UpcomingDates:
    """
    The next dates of an UpcomingEventsPlugin, read only when its cached HTML cannot be used.

    The list is "the first `count` dates not yet over" - it changes without any save as soon as one
    of the shown dates ends (then it drops out and the next one moves up), and never before: a date
    joining at the far end of the two-year window starts after every shown one. So the HTML is
    cached under `version`, the earliest end among the shown dates, and that moment is remembered
    (per generation, plugin and language) until it has passed. With fewer dates than `count` a date
    could join at the far end: then nothing is cached (`version` is None).
    """

    def __init__(self, instance, *, request=None):
        self.instance = instance
        self.request = request
        self.now = timezone.now()

    @cached_property
    def occurrences(self) -> list:
        events = selectors.card_events()
        if self.instance.organiser_id:
            events = events.filter(organiser_id=self.instance.organiser_id)
        return selectors.upcoming_occurrences(now=self.now, events=events, limit=self.instance.count)

    def _valid_until(self) -> datetime | None:
        occurrences = self.occurrences
        if not occurrences or len(occurrences) < self.instance.count:
            return None
        return min(occurrence.end for occurrence in occurrences)

    @cached_property
    def version(self) -> str | None:
        """The fragment key's part for "which dates": until when they stay the shown ones."""
        if not fragments.is_visitor_request(self.request):
            return None  # editors get a fresh render anyway
        instance = self.instance
        key = fragments.fragment_key(
            self.request, "events:upcoming-until", get_language(), instance.pk, instance.count, instance.organiser_id
        )
        until = cache.get(key)
        if until is None or self.now >= until:
            until = self._valid_until()
            if until is None:
                fragments.not_storable(self.request)  # nor any fragment around it (the home page's content)
                return None
            cache.set(key, until, fragments.fragment_cache_seconds())
        fragments.valid_until(self.request, until)  # a fragment around it holds the list only until then
        return until.isoformat()


class RememberedDates(Sequence):
    """
    The dates of "alle Termine" for its Paginator: how many there are, remembered while valid, and a
    page's dates read only when the page's cached HTML cannot be used (`page_obj.object_list` is lazy).

    Without a "from" date the window starts now, so the list changes without a save exactly when a
    date in it ends (it drops out, the count changes) and when its far end moves, at midnight
    (selectors.upcoming_end()). The number of dates and that first end are remembered per
    generation, filter values, language and day, and `version` (the day and the first end) keys the
    pages' HTML. With a "from" date the window does not move: only a save changes it.
    """

    def __init__(self, window, *, request, filters: str, moving: bool):
        self.window = window
        self.request = request
        self.filters = filters
        self.moving = moving  # the window starts now (window.start)

    @cached_property
    def _today(self) -> str:
        return timezone.localdate().isoformat() if self.moving else "fixed"

    @cached_property
    def _state(self) -> tuple[int, datetime | None] | None:
        """(number of dates, when the first of them ends), or None when nothing is cached (editors)."""
        if not fragments.is_visitor_request(self.request):
            return None
        key = fragments.fragment_key(self.request, "events:dates-state", get_language(), self.filters, self._today)
        state = cache.get(key)
        if state is None or (self.moving and state[1] is not None and self.window.start >= state[1]):
            state = (len(self.window), self.window.first_end() if self.moving else None)
            cache.set(key, state, fragments.fragment_cache_seconds())
        return state

    @property
    def version(self) -> str | None:
        """The page fragments' key part for "which dates"; None: render, do not cache."""
        if self._state is None:
            return None
        until = self._state[1]
        return f"{self._today}|{until.isoformat() if until else '-'}"

    def __len__(self) -> int:
        return self._state[0] if self._state is not None else len(self.window)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return SimpleLazyObject(lambda: self.window[index])
        return self.window[index]
