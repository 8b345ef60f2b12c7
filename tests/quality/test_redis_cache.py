"""
The shared cache on Redis degrades instead of failing (familie_portal.caching.backends): pages answer
and edits are saved while Redis is away, the cache is used again once it is back, and an edit made
while Redis hung is not hidden afterwards by pages cached before it.

The tests with a real redis-server start one on a free port, so they are in the serial group.
"""

import json
import logging
import os
import subprocess
import sys
import time

import pytest
from django.test import Client, override_settings

from events.models import Event
from familie_portal import caching
from familie_portal.caching.backends import ResilientRedisCache
from tests.quality.support import ROOT, RedisServer, free_port

BACKEND = "familie_portal.caching.backends.ResilientRedisCache"


def _redis_caches(url: str) -> dict:
    return {"default": {"BACKEND": BACKEND, "LOCATION": url}}


@pytest.mark.django_db
def test_pages_answer_and_edits_are_saved_while_redis_is_away(portal_caches, caplog):
    with override_settings(CACHES=_redis_caches(f"redis://127.0.0.1:{free_port()}/0")):
        visitor = Client()
        started = time.monotonic()
        for _ in range(3):
            assert visitor.get("/").status_code == 200
            assert visitor.get("/veranstaltungen/").status_code == 200
        assert time.monotonic() - started < 20
        event = Event.objects.get(slug="werkstatt-familienfreundliche-arbeitgeberin-kommune")  # a draft
        event.title_de = "Während Redis fehlt gespeichert"
        event.status = "published"
        event.save()  # the generation bump fails: the save must not
        assert Event.objects.get(pk=event.pk).title_de == "Während Redis fehlt gespeichert"
        assert "Während Redis fehlt gespeichert" in visitor.get("/veranstaltungen/").content.decode()
    warnings = [r for r in caplog.records if r.name == "familie_portal.caching.backends"]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)
    assert len(warnings) <= 3, "one warning per outage, not one per cache access"


@pytest.fixture
def redis_server():
    server = RedisServer()
    yield server
    server.resume()
    server.stop()


@pytest.mark.serial
def test_cache_is_used_again_within_seconds_after_redis_returns(redis_server):
    backend = ResilientRedisCache(redis_server.url, {})
    backend.set("k", "v")
    assert backend.get("k") == "v"
    redis_server.stop()
    assert backend.get("k") is None
    assert backend.set("k", "w") is None
    assert backend.add("other", 1) is False
    assert backend.get_many(["k", "other"]) == {}
    redis_server.start()  # empty: a cache keeps nothing across a restart
    deadline = time.monotonic() + 5
    while backend.get("k", "miss") == "miss" and time.monotonic() < deadline:
        backend.set("k", "again")
        time.sleep(0.05)
    assert backend.get("k") == "again"
    assert time.monotonic() < deadline


@pytest.mark.serial
def test_a_generation_bump_during_a_hang_is_replayed(redis_server):
    backend = ResilientRedisCache(redis_server.url, {})
    backend.set(caching.GENERATION_KEY, 41, timeout=None)
    redis_server.pause()
    started = time.monotonic()
    assert backend.incr(caching.GENERATION_KEY) is None  # times out: remembered
    assert backend.get(caching.GENERATION_KEY) is None  # within DOWN_SECONDS: not even tried
    assert time.monotonic() - started < 2, "short socket timeouts, no retries"
    redis_server.resume()
    time.sleep(ResilientRedisCache.DOWN_SECONDS + 0.1)
    assert backend.get(caching.GENERATION_KEY) == 42, "the bump of the edit made during the hang"
    assert backend.get(caching.GENERATION_KEY) == 42, "replayed once"


def test_a_redis_cache_url_gets_the_resilient_backend():
    code = "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="familie_portal.settings.production", SECRET_KEY="k" * 50,
               DATABASE_URL="postgres://u@127.0.0.1:1/db", ALLOWED_HOSTS="x.example", CACHE_URL="redis://cache:6379/1")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    assert json.loads(result.stdout) == {"default": {"BACKEND": BACKEND, "LOCATION": "redis://cache:6379/1"}}
