"""
Site-wide middleware: security headers, the Content-Security-Policy split between visitors and
editors, the 503 page when PostgreSQL is unreachable, and the apphook reload check. Their order
is set in settings.MIDDLEWARE (the page cache, familie_portal.caching.middleware, comes first).
"""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from familie_portal import translation as translation_columns

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy (Django's SecurityMiddleware sets the rest)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.PORTAL_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def _admin_prefixes() -> tuple[str, ...]:
    return ("/admin/", *(f"/{code}/admin/" for code, _name in settings.LANGUAGES))


class RequestSanityMiddleware:
    """
    400 for requests no view can answer sensibly, before they reach code that would fail on them:

    - a NUL character in the path, query string or cookies: PostgreSQL cannot store or compare NUL
      in text, so such a value reaching any lookup (a page slug, ?q=, a session key) raises
      DataError - a 500 from a single crafted URL (forms already refuse NUL);
    - a form body that cannot be parsed (bad multipart boundary or framing, too many fields):
      Django answers 400 when a view reads it, but the django CMS toolbar reads request.POST while
      rendering the 404 page, where the same error is a 500. Raw bodies (other content types) are
      left alone for the views that stream them.
    """

    FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if (
            "\x00" in request.path_info
            or "\x00" in query
            or "%00" in query
            or "\x00" in request.META.get("HTTP_COOKIE", "")
        ):
            return HttpResponseBadRequest("Bad Request", content_type="text/plain; charset=utf-8")
        if request.method not in ("GET", "HEAD") and request.content_type in self.FORM_TYPES:
            try:
                request.POST  # noqa: B018 - parse now, while a parse error can still become a 400
            except (MultiPartParserError, SuspiciousOperation):
                return HttpResponseBadRequest("Bad Request", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def is_editor_request(request) -> bool:
    """Requests that get the editors' (relaxed) CSP: /admin/ and authenticated staff users."""
    if request.path_info.startswith(_admin_prefixes()):
        return True
    user = getattr(request, "user", None)
    if user is None:
        return False
    try:
        return bool(user.is_authenticated and user.is_staff)
    except DatabaseError:
        # Session lookup failed (database down): treat as a visitor, the strict policy applies.
        return False


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with the strict policy for visitors and the editors' policy for the CMS."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_editor_request(request):
            return PolicyParts(settings.PORTAL_CSP_EDITOR_DIRECTIVES, parts.update, parts.replace, parts.nonce)
        return parts


class EditorFramingMiddleware:
    """
    X-Frame-Options SAMEORIGIN for editors' requests (the django CMS sideframe shows admin pages in
    an iframe). Sits just inside Django's XFrameOptionsMiddleware, which keeps a header already
    set and sends X_FRAME_OPTIONS ("DENY") to everyone else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "X-Frame-Options" not in response and is_editor_request(request):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


# ---------------------------------------------------------------------------------------------
# Database outage
# ---------------------------------------------------------------------------------------------

RETRY_AFTER_SECONDS = 30
_CONNECTION_ERRORS = (OperationalError, InterfaceError)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True if `exc` (or what caused it) means the database cannot be reached."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, _CONNECTION_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def database_unavailable_response() -> HttpResponse:
    """
    503 with Retry-After and a bilingual page. Rendered without request, context processors or
    database: the template is static apart from {% static %}.
    """
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """
    Turns "PostgreSQL unreachable" raised by a view into the 503 page. (Errors raised inside other
    middleware never reach here - Django converts them to a response at each layer - so
    `familie_portal.views.server_error` does the same for them.) Recovery needs nothing from us:
    Django closes the broken connection at the end of the request (CONN_HEALTH_CHECKS also checks
    a reused one before the next), and the next request connects anew.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.error("Database unavailable: %s %s: %s", request.method, request.path, exception)
            return database_unavailable_response()
        return None


# ---------------------------------------------------------------------------------------------
# Apphook reload check
# ---------------------------------------------------------------------------------------------

URLCONF_REVISION_KEY = "portal:urlconf-revision"


def remember_urlconf_revision(sender, instance, **kwargs) -> None:
    """post_save of cms.UrlconfRevision: every app server sharing the cache sees the new revision."""
    cache.set(URLCONF_REVISION_KEY, instance.revision, settings.PORTAL_URLCONF_CHECK_SECONDS)


class ApphookReloadMiddleware:
    """
    django CMS's ApphookReloadMiddleware, reading the URL configuration's revision from the cache
    instead of the database on every request (one query less per page).

    django CMS writes a new revision whenever an apphook is attached, moved or removed; every
    process compares it with the revision it loaded its URLs for and reloads them when they
    differ. The revision is kept in the cache for PORTAL_URLCONF_CHECK_SECONDS and replaced there
    the moment django CMS saves a new one (remember_urlconf_revision), so app servers sharing a
    cache reload at once; with a per-process cache (locmem) the others follow within that time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from cms.utils import apphook_reload

        revision = cache.get(URLCONF_REVISION_KEY)
        if revision is None:
            revision = apphook_reload.get_global_revision()
            cache.set(URLCONF_REVISION_KEY, revision, settings.PORTAL_URLCONF_CHECK_SECONDS)
        local = apphook_reload.get_local_revision()
        if not local:
            apphook_reload.set_local_revision(revision)
        elif revision != local:
            apphook_reload.reload_urlconf(new_revision=revision)
        return self.get_response(request)


# ---------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------


class PageLanguageMiddleware:
    """
    The visitor's language stays the interface's language on a page that is not written in it.

    django CMS renders such a page in its fallback language (German) by activating that language
    for the whole response (CMS_LANGUAGES, redirect_on_fallback False). This re-activates the
    visitor's language before the template renders and tells the template which language the
    page's content is in (`content_language`): templates/pages/ render the placeholders in it,
    marked by {% untranslated %}. The admin under the added languages' prefixes (/tr/admin/, …) stays
    German, as the editors work; their content columns are fieldsets of their own there.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.german_admin = tuple(f"/{code}/admin/" for code in translation_columns.ADDED_LANGUAGES)

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After the URL is resolved (in the visitor's language: /uk/admin/… exists only while Ukrainian is
        # active), before the admin renders.
        if request.path_info.startswith(self.german_admin):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return None

    def process_template_response(self, request, response):
        context = response.context_data
        content = context.get("current_pagecontent") if isinstance(context, dict) else None
        visitor = getattr(request, "LANGUAGE_CODE", None)
        if content is not None and visitor and getattr(content, "language", None):
            context.setdefault("content_language", content.language)
            if translation.get_language() != visitor:
                translation.activate(visitor)
        return response
