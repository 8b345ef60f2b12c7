"""
Scale-out: two app servers (gunicorn processes), one PostgreSQL, one shared cache. A publish is
visible on both at once - the anonymous page cache and the fragment cache, shared between the
servers, never serve a stale copy after it.

The shared cache here is Django's DatabaseCache in the same test database (CACHE_URL=dbcache://…):
shared like Redis in production, without another server to run. Both servers get the same Host
header, as behind one proxy, so they read and write the same cache entries. The publish happens
in a third process through the ORM (Event.save(), as the admin does it), so neither server has
any local knowledge of it: only the shared cache generation tells them.

Starts servers and changes committed data, so it runs in the serial group (scripts/test.sh).
"""

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.quality.support import ROOT, Server, database_url

pytestmark = [pytest.mark.serial, pytest.mark.django_db]

CACHE_TABLE = "portal_scale_out_cache"
HOST = "localhost"  # one public host name for both servers, as behind a load balancer
SLUG = "werkstatt-familienfreundliche-arbeitgeberin-kommune"  # a draft event of the demo content
TITLE = "Die Kommune als familienfreundliche Arbeitgeberin"
LIST = "/veranstaltungen/"
DETAIL = f"/veranstaltungen/{SLUG}/"


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "familie_portal.settings.test", **env},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _set_status(env: dict, status: str, *, with_signals: bool = True) -> None:
    """Change the event in another process: save() as an editor does, or raw SQL behind the portal's back."""
    if with_signals:
        code = (f"from events.models import Event; e = Event.objects.get(slug={SLUG!r}); "
                f"e.status = {status!r}; e.save()")
    else:
        sql = "UPDATE events_event SET status = %s WHERE slug = %s"
        code = f"from django.db import connection; connection.cursor().execute({sql!r}, [{status!r}, {SLUG!r}])"
    _manage(env, "shell", "-c", code)


def _get(server: Server, path: str) -> tuple[int, str]:
    headers = {"Host": HOST, "User-Agent": "familie-portal-tests"}
    request = urllib.request.Request(server.url + path, headers=headers)  # noqa: S310 (local server)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (local server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture
def shared_env():
    env = {"DATABASE_URL": database_url(), "CACHE_URL": f"dbcache://{CACHE_TABLE}", "CONN_MAX_AGE": "60",
           "PORTAL_CACHES": "true"}
    _manage(env, "createcachetable")
    yield env
    _set_status(env, "draft")  # the demo state, whatever happened
    drop = f"from django.db import connection; connection.cursor().execute('DROP TABLE IF EXISTS {CACHE_TABLE}')"
    _manage(env, "shell", "-c", drop)


@pytest.fixture
def servers(shared_env):
    first = Server(env=shared_env)
    try:
        second = Server(env=shared_env)
    except Exception:
        first.stop()
        raise
    yield first, second
    first.stop()
    second.stop()


def test_publish_is_visible_on_both_servers_at_once(servers, shared_env):
    a, b = servers
    status, html = _get(a, LIST)
    assert status == 200, a.log()
    assert TITLE not in html
    assert _get(a, DETAIL)[0] == 404

    # The page server A rendered is in the shared cache: server B answers with that copy. Proof: a
    # change that bypasses the portal (raw SQL: no ORM, so no invalidation) is not shown by B.
    _set_status(shared_env, "published", with_signals=False)
    status, html = _get(b, LIST)
    assert status == 200, b.log()
    assert TITLE not in html, "server B rendered the page itself instead of using the shared cache"
    _set_status(shared_env, "draft", with_signals=False)

    # Publishing through the portal (save(): signals advance the shared cache generation) shows at once
    # on both servers, although neither of them took part in it.
    _set_status(shared_env, "published")
    for server in (b, a):
        status, html = _get(server, LIST)
        assert status == 200, server.log()
        assert TITLE in html, f"stale page on {server.url} after the publish"
        assert _get(server, DETAIL)[0] == 200

    # And unpublishing takes it away again everywhere, list and sidebar alike.
    _set_status(shared_env, "draft")
    for server in (a, b):
        status, html = _get(server, LIST)
        assert status == 200
        assert TITLE not in html, f"stale page on {server.url} after the unpublish"
        assert _get(server, DETAIL)[0] == 404
