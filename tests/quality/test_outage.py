"""
PostgreSQL goes down under a running app server: public pages answer 503 with Retry-After and a
friendly bilingual page, pages already in the anonymous cache keep being served, and the server
recovers by itself within 2 s once the database is back.

Stops the shared test cluster, so it runs in the serial group (scripts/test.sh), never beside other tests.
"""

import time

import pytest
from django.db import connections

from tests.quality.support import PostgresCluster, Server, database_url, get

# django_db: pytest-django creates the test database only for tests that ask for it. The test's
# own transaction dies with the server; Django drops that connection cleanly at teardown.
pytestmark = [pytest.mark.serial, pytest.mark.django_db]
RECOVERY_BUDGET_SECONDS = 2.0


@pytest.fixture
def cluster():
    cluster = PostgresCluster()
    yield cluster
    # Whatever happened, leave a running cluster behind for the rest of the session.
    if not cluster.is_running():
        cluster.start()
    connections.close_all()


@pytest.fixture
def server():
    # Persistent connections (as in production): CONN_HEALTH_CHECKS must notice the dead one.
    server = Server(env={"DATABASE_URL": database_url(), "CONN_MAX_AGE": "60", "PORTAL_CACHES": "true"})
    yield server
    server.stop()


def test_database_outage_gives_503_and_recovers_without_restart(cluster, server, record_property):
    assert get(server.url + "/")[0] == 200  # now in the anonymous cache
    assert get(server.url + "/impressum/")[0] == 200  # a persistent connection exists

    cluster.stop()
    try:
        started = time.monotonic()
        status, headers, body = get(server.url + "/kontakt/")
        fail_seconds = time.monotonic() - started
        assert status == 503, server.log()
        assert headers["Retry-After"] == "30"
        assert "no-store" in headers["Cache-Control"] or "no-cache" in headers["Cache-Control"]
        html = body.decode()
        assert "Vorübergehend nicht erreichbar" in html and "Temporarily unavailable" in html
        assert "Content-Security-Policy" in headers
        assert fail_seconds < 1.0, "an unreachable database fails fast"
        assert get(server.url + "/en/contact/")[0] == 503
        assert get(server.url + "/healthz")[0] == 503, "the orchestrator sees the outage"
        # Cached anonymous pages stay available while the database is away.
        assert get(server.url + "/")[0] == 200
    finally:
        cluster.start()

    back = time.monotonic()
    while True:
        status = get(server.url + "/kontakt/")[0]
        recovery = time.monotonic() - back
        if status == 200 or recovery > 10:
            break
        time.sleep(0.02)
    record_property("recovery_seconds", round(recovery, 3))
    print(f"\noutage: 503 answered in {fail_seconds * 1000:.0f} ms; recovered {recovery * 1000:.0f} ms after restart")
    assert status == 200, server.log()
    assert recovery < RECOVERY_BUDGET_SECONDS
    # Same worker process, no restart: the next pages come from the re-established connection.
    assert get(server.url + "/datenschutz/")[0] == 200
    assert get(server.url + "/healthz")[0] == 200


PRODUCTION_ENV = {"SECRET_KEY": "outage-" + "q" * 50, "ALLOWED_HOSTS": "localhost", "PORTAL_LOG_JSON": "false"}


def test_liveness_stays_up_and_readiness_follows_the_database_with_production_settings(cluster):
    """An orchestrator must not restart healthy app servers in a loop while PostgreSQL is away."""
    import json

    cluster.stop()
    server = None
    try:
        # Started while PostgreSQL is unreachable, as after a restart of the whole host.
        server = Server(env={"DATABASE_URL": database_url(), **PRODUCTION_ENV},
                        settings="familie_portal.settings.production", ready_path="/livez")
        status, headers, body = get(server.url + "/livez")
        assert (status, body) == (200, b"ok"), server.log()
        assert headers["X-Request-ID"]
        status, _, body = get(server.url + "/readyz")
        assert status == 503
        assert json.loads(body) == {"database": "unavailable", "cache": "ok", "status": "unavailable"}
        assert b"postgres" not in body and b"127.0.0.1" not in body
        cluster.start()
        deadline = time.monotonic() + 10
        while get(server.url + "/readyz")[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert get(server.url + "/readyz")[0] == 200, server.log()
        assert get(server.url + "/livez")[0] == 200
    finally:
        if not cluster.is_running():
            cluster.start()
        if server is not None:
            server.stop()
