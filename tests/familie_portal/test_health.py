"""/livez and /readyz (familie_portal.health): liveness without database or cache, readiness with both."""

import json

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import connection, connections
from django.test import override_settings

from familie_portal import health
from tests.quality.support import free_port

DEAD_REDIS = {"default": {"BACKEND": "familie_portal.caching.backends.ResilientRedisCache",
                          "LOCATION": "redis://127.0.0.1:{port}/0"}}


class ExplodingCache(BaseCache):
    """A cache that fails the test on any use."""

    def __init__(self, location, params):
        super().__init__(params)

    def _boom(self, *args, **kwargs):
        raise AssertionError("the cache was used")

    get = set = add = delete = incr = get_many = set_many = has_key = touch = clear = _boom


def _dead_redis():
    return {"default": {**DEAD_REDIS["default"], "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}}


def test_livez_needs_neither_database_nor_cache(client):
    # No `db` fixture: pytest-django refuses any database access in this test.
    with override_settings(CACHES={"default": {"BACKEND": f"{__name__}.ExplodingCache"}}, PORTAL_CACHES=True):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_livez_answers_any_host_over_plain_http(client, settings):
    # Probes address the app server by IP, over HTTP; the production redirect does not apply.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["familie.example.nrw.de"]
    assert client.get("/livez", headers={"host": "10.0.0.7:8000"}).status_code == 200


@pytest.mark.django_db
def test_readyz_ok_with_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_503_when_the_cache_is_away(client):
    with override_settings(CACHES=_dead_redis()):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable", "status": "unavailable"}
    assert "127.0.0.1" not in response.content.decode() and "redis" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_503_when_the_database_is_away(client, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    dead = type(connections["default"])({**connection.settings_dict, "PORT": free_port(), "PASSWORD": "s3cret-pw"})
    monkeypatch.setattr(health, "connections", {"default": dead})
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body) == {"database": "unavailable", "cache": "ok", "status": "unavailable"}
    for secret in ("s3cret-pw", connection.settings_dict["NAME"], str(dead.settings_dict["PORT"])):
        assert secret not in body

