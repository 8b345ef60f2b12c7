"""
The portal's one cache layer: the anonymous full-page cache (`caching.middleware`) and two
primitives for parts of pages, an HTML part (`{% cachepart %}`, templatetags/portal_cache.py) and a
data value (`cached_data`). All of it hangs on one number, the content *generation*: every saved,
updated or deleted row of the portal's content and every django CMS publish or unpublish advances it
(`content_changed`, connected in familie_portal.apps), so the next request on every app server that
shares the cache misses and renders anew. Nothing else is ever invalidated by hand.

Only anonymous visitors without a django CMS toolbar mode get cached pages and parts; editors always
get a fresh render. `PORTAL_CACHES` switches everything (off in `make run`, so an edit shows on the
next request; on in production and in `make bench`); `PORTAL_CACHE_SECONDS` bounds every lifetime.
A part whose output changes with the clock says until when it holds (`until=`); it is stored until
then, and so is every part and page around it (`holds_until`); nothing is stored beyond the next
scheduled publish or withdraw moment of any content (`timeout_until`, familie_portal.scheduling).
There are no other rules: parts may sit inside parts.
"""

import hashlib
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")
GENERATION_KEY = "portal:generation"


def caches_enabled() -> bool:
    return settings.PORTAL_CACHES


def generation() -> int:
    """The current content generation (every key of this layer holds it)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # First use, or the key was evicted: start from a number no earlier generation used, so
        # entries stored before the eviction can never be served again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def _advance() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (first use, eviction)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def content_changed(**kwargs) -> None:
    """
    Something visitors may see has changed: every cached page and part is stale. A signal
    receiver (any signal's arguments are accepted). Advanced at once, and again when the
    surrounding transaction commits: a visitor's request that read the old rows just before the
    commit could otherwise store them under the new generation.
    """
    _advance()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_advance)


def request_generation(request) -> int:
    """The generation a request works with, read once (the page cache middleware sets it)."""
    value = getattr(request, "cache_generation", None)
    if value is None:
        value = generation()
        if request is not None:
            request.cache_generation = value
    return value


def is_visitor(request) -> bool:
    """An anonymous visitor without a django CMS toolbar mode: the audience of cached parts."""
    if request is None or not caches_enabled():
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    toolbar = getattr(request, "toolbar", None)
    return toolbar is None or not (
        toolbar.edit_mode_active or toolbar.preview_mode_active or toolbar.structure_mode_active
    )


def part_key(request, name: str, *vary) -> str:
    """The key of a part: generation, site, language, name and the values it varies on."""
    parts = "|".join(str(value) for value in vary)
    site = get_current_site(request).pk
    digest = hashlib.sha256(f"{name}|{site}|{get_language()}|{parts}".encode()).hexdigest()[:32]
    return f"portal:part:{request_generation(request)}:{digest}"


def earliest(*moments: datetime | None) -> datetime | None:
    """The earliest of the given moments (None: no limit)."""
    return min((moment for moment in moments if moment is not None), default=None)


def holds_until(request, moment: datetime | None) -> None:
    """
    What is being rendered for `request` stays true until `moment` at the latest: the part around it
    and the page it is on are stored no longer. Parts and data values call this with their own
    moment, on a hit as on a miss, so nothing a page is built from outlives its moment in a cache.
    """
    if moment is not None and request is not None:
        request.portal_holds_until = earliest(getattr(request, "portal_holds_until", None), moment)


def seconds_until(until: datetime | None) -> int:
    """Seconds from now to `until` within the default lifetime (None: the default lifetime); 0: none."""
    seconds = settings.PORTAL_CACHE_SECONDS
    if until is not None:
        seconds = min(seconds, int((until - timezone.now()).total_seconds()))
    return max(seconds, 0)


def timeout_until(until: datetime | None) -> int:
    """
    Seconds to keep an entry that holds until `until` (None: the default lifetime); 0: not at all.
    Never beyond the next scheduled publish or withdraw moment of any content (familie_portal.scheduling):
    the page or part rendered before it would show the old state after it.
    """
    from familie_portal import scheduling

    return seconds_until(earliest(until, scheduling.next_change(generation())))


def cached_data(request, name: str, compute: Callable[[], T], *vary, until=None) -> T:
    """
    A value (not HTML) for visitors: `compute()` once per generation, site, language, `name` and
    `vary`. `until`, a datetime or a function of the value giving one, ends its lifetime early
    (a list that changes when its first date ends). Everyone else gets `compute()` itself.
    """
    if not is_visitor(request):
        return compute()
    key = part_key(request, f"data:{name}", *vary)
    entry = cache.get(key)
    if entry is None:
        value = compute()
        moment = until(value) if callable(until) else until
        timeout = timeout_until(moment)
        if timeout:
            cache.set(key, (value, moment), timeout)
    else:
        value, moment = entry
    holds_until(request, moment)
    return value
