"""Site-wide views: health check and error pages in the portal's layout."""

import sys

from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness and database readiness for the proxy / orchestrator."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def livez(request):
    """Liveness: the app server answers (no database). Also the benchmark's ceiling view."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors and no database here: the error may be the database itself.
    # PostgreSQL unreachable while a middleware ran (e.g. loading the session): the 503 page.
    from familie_portal.middleware import database_unavailable_response, is_database_unavailable

    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response()
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def strip_default_language_prefix(request, path):
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"/{path}" + (f"?{query}" if query else ""))
