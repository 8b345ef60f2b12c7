"""
The shared cache on Redis, degrading instead of failing: `ResilientRedisCache`.

Django's RedisCache raises when Redis is away, and every cache access of the portal (the page cache,
the parts, the generation, django CMS's caches, the apphook revision) would turn into a 500, or abort
an editor's save in the middle of its transaction. This backend catches Redis's connection and
timeout errors in every operation, logs one warning per outage and answers as an empty cache would:
reads miss (the page renders), writes are dropped, `add` says "not added", `incr` of the content
generation is remembered and replayed once Redis answers again, so pages cached before an outage are
not served after an edit made during it (when Redis kept its data, i.e. was hung or partitioned, not
restarted empty).

After a failure it does not try Redis again for `DOWN_SECONDS` (every request would otherwise wait
for a connect timeout per cache access when Redis is unreachable rather than refusing); then the next
access tries, and the cache is in use again. Short socket timeouts and no retries are the defaults
(settings may override them in OPTIONS).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)
_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_FAILED = object()


class ResilientRedisCache(RedisCache):
    DOWN_SECONDS = 1.0

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._failing = False
        self._down_until = 0.0
        self._pending_incr: set[tuple[str, int | None]] = set()

    def _guarded(self, operation: str, call, default):
        """`call()`, or `default` when Redis is unavailable (now, or within DOWN_SECONDS of a failure)."""
        if self._failing and time.monotonic() < self._down_until:
            return default
        try:
            if self._pending_incr:
                self._replay()
            result = call()
        except _UNAVAILABLE as error:
            with self._lock:
                if not self._failing:
                    logger.warning("Redis unavailable (%s: %s): serving without the cache", operation,
                                   type(error).__name__)
                self._failing = True
                self._down_until = time.monotonic() + self.DOWN_SECONDS
            return default
        if self._failing:
            self._failing = False
            logger.warning("Redis available again")
        return result

    def _replay(self) -> None:
        with self._lock:
            pending, self._pending_incr = self._pending_incr, set()
        for index, (key, version) in enumerate(pending):
            try:
                super().incr(key, 1, version)
            except ValueError:  # gone (Redis restarted empty): a fresh generation starts anyway
                pass
            except _UNAVAILABLE:
                with self._lock:
                    self._pending_incr.update(list(pending)[index:])
                raise

    # Django's cache API: every operation through the guard. ----------------------------------

    def get(self, key, default=None, version=None):
        return self._guarded("get", lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded("has_key", lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        call = lambda: super(ResilientRedisCache, self).set_many(data, timeout, version)  # noqa: E731
        return self._guarded("set_many", call, list(data))

    def delete(self, key, version=None):
        return self._guarded("delete", lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guarded("clear", lambda: super(ResilientRedisCache, self).clear(), False)

    def incr(self, key, delta=1, version=None):
        result = self._guarded("incr", lambda: super(ResilientRedisCache, self).incr(key, delta, version), _FAILED)
        if result is _FAILED:
            # The generation bump of an edit made while Redis is away: replayed when it answers.
            with self._lock:
                self._pending_incr.add((key, version))
            return None
        return result
