"""
Health checks for the proxy and the orchestrator, answered before any other middleware.

- `/livez` (liveness): 200 whenever the process can answer at all. No database, no cache, no session,
  no django CMS: an orchestrator restarts a server whose liveness fails, and restarting healthy app
  servers in a loop while PostgreSQL is away helps nobody.
- `/readyz` (readiness): 200 when the database and the cache answer, 503 otherwise, with a short JSON
  body naming what failed ({"database": "ok", "cache": "unavailable"}) and nothing else (no DSN, no
  host, no exception text). A load balancer takes a server out of rotation while it is not ready.

`HealthCheckMiddleware` sits at the top of settings.MIDDLEWARE (after the request id), so neither
check runs the middleware that touches the database or the cache (django CMS's apphook revision,
sessions, the page cache). It does not validate the Host header or redirect to HTTPS either: probes
address the app server directly, by IP and over plain HTTP. The URL patterns (familie_portal.urls)
name the same views, for reverse() and for a chain without this middleware.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
READINESS_CACHE_KEY = "portal:readyz"


def livez(request):
    response = HttpResponse("ok", content_type="text/plain")
    add_never_cache_headers(response)
    return response


def _database_ok() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not ready"; its text may hold a host name
        logger.warning("readyz: database check failed", exc_info=True)
        return False


def _cache_ok() -> bool:
    # A round trip with a fresh value: the portal's Redis backend turns errors into misses (pages
    # still answer), so only reading back what was just written proves the cache works.
    token = uuid.uuid4().hex
    try:
        cache.set(READINESS_CACHE_KEY, token, 10)
        return cache.get(READINESS_CACHE_KEY) == token
    except Exception:
        logger.warning("readyz: cache check failed", exc_info=True)
        return False


def readyz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    ready = all(checks.values())
    body["status"] = "ok" if ready else "unavailable"
    response = JsonResponse(body, status=200 if ready else 503)
    add_never_cache_headers(response)
    return response


HEALTH_VIEWS = {"/livez": livez, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers /livez and /readyz (GET and HEAD) before the rest of the middleware chain runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = HEALTH_VIEWS.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
