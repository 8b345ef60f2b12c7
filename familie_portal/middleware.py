"""
Site-wide middleware: security headers, the Content-Security-Policy split between visitors and
editors, the 503 page when PostgreSQL is unreachable, and the anonymous full-response cache.
Their order is set in settings.MIDDLEWARE (the cache first, the rest before WhiteNoise).
"""

import hashlib
import logging
import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

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
# Anonymous full-response cache
# ---------------------------------------------------------------------------------------------

GENERATION_KEY = "portal:anon-cache:generation"


def cache_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or the key was evicted: start from a number no earlier generation used, so
        # entries cached before the eviction can never be served again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def bump_cache_generation(**kwargs) -> None:
    """Invalidate every anonymous cached page (publish, unpublish, any saved portal content)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


class AnonymousCacheMiddleware:
    """
    First in the chain: an anonymous GET (no session, no messages: only the language and CSRF
    cookies may be present) whose full response is in the cache is answered from there without
    running sessions, auth, CSRF, the CMS or the database. Misses run the whole chain; a 200
    response that sets no cookie except the language cookie, did not use a CSRF token and is not
    marked private/no-store is stored with all its headers (CSP, HSTS, ...).

    The key is scheme + host + full path (the language is part of the path: German unprefixed,
    English under /en/) plus a generation number that every publish/unpublish and every saved row
    of the portal's apps bumps (familie_portal.apps), so published changes show at once on every
    app server sharing the cache, plus the local date (the calendars mark "today"; lists start
    today). PORTAL_ANON_CACHE_SECONDS bounds the lifetime anyway.

    django CMS pages: django CMS marks a page "never cache" (Cache-Control: private, no-store) when
    one of its plugins opts out of django CMS's own caches (`cache = False`: the home page's "Nächste
    Termine" and latest reports), because those caches would not notice a new event or report.
    This cache does notice (the generation), so for anonymous CMS pages that header is not a reason
    to skip it. The header still goes to browsers and proxies unchanged. Any other view that says
    private/no-store/no-cache (previews, error pages, never_cache) is never stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PORTAL_ANON_CACHE_SECONDS
        self.allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
        self.excluded_prefixes = (*_admin_prefixes(), "/healthz", "/livez", settings.STATIC_URL, settings.MEDIA_URL)

    def _cache_key(self, request) -> str | None:
        if request.method != "GET" or self.timeout <= 0:
            return None
        path = request.path_info
        if path.startswith(self.excluded_prefixes):
            return None
        if not set(request.COOKIES) <= self.allowed_cookies:
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        full = f"{request.scheme}://{host}{request.get_full_path()}".encode("utf-8", "surrogateescape")
        today = timezone.localdate().isoformat()
        return f"portal:anon:{cache_generation()}:{today}:{hashlib.sha256(full).hexdigest()}"

    def __call__(self, request):
        key = self._cache_key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if key is not None and self._cacheable(request, response):
            response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.add_post_render_callback(lambda r: cache.set(key, r, self.timeout))
            else:
                cache.set(key, response, self.timeout)
        return response

    def _cacheable(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return False
        if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME}:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            # django CMS marks a page "private, no-store" as soon as one plugin on it opts out of
            # the CMS caches (the mini calendar and the upcoming-events list do, because they follow
            # the URL and the date). That decision is about the CMS's own caches, which don't key on
            # the URL; this cache keys on URL and date, and every publish or saved row invalidates
            # it. Other views that say no-store are never stored.
            return is_cms_page(request)
        return True


# The URL names of django CMS's page view (cms.urls): pages, not apphooked app views.
CMS_PAGE_URL_NAMES = frozenset({"pages-root", "pages-details-by-slug"})


def is_cms_page(request) -> bool:
    """A page rendered by django CMS's own page view (its never-cache header is about its own caches)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in CMS_PAGE_URL_NAMES and match.namespace == ""


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
