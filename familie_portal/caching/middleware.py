"""The anonymous full-page cache (familie_portal.caching): first in the middleware chain."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils import timezone

from familie_portal import caching, scheduling


def _excluded_prefixes() -> tuple[str, ...]:
    admin = ("/admin/", *(f"/{code}/admin/" for code, _name in settings.LANGUAGES))
    return (*admin, "/healthz", "/livez", "/readyz", settings.STATIC_URL, settings.MEDIA_URL)


class AnonymousPageCacheMiddleware:
    """
    An anonymous GET (no session or message cookie: only the language and CSRF cookies may be
    present) whose response is in the cache is answered from there without sessions, auth, CSRF,
    django CMS or the database. Misses run the whole chain; a 200 response that sets no cookie but
    the language cookie, used no CSRF token and is not marked private/no-store/no-cache is stored
    with all its headers (CSP, HSTS, ...).

    The key: scheme, host and full path (the language is in the path), the local date (calendars
    mark today, lists start today) and the content generation. Whether the *view* said private or
    no-store is read by `ViewCacheControlMiddleware`, innermost: django CMS's toolbar middleware
    afterwards marks every page "no-store" that renders a placeholder without django CMS's own
    placeholder cache (the portal keeps those off), and django CMS's page view marks its pages so while
    its own page cache is off: both are about django CMS's caches, not this one (the headers still go
    to browsers and proxies).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
        self.excluded_prefixes = _excluded_prefixes()

    def __call__(self, request):
        scheduling.catch_up()  # a scheduled publish or withdraw since the caches were filled: a new generation
        key = self._key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if key is not None and self._storable(request, response):
            # Stored until the earliest moment a part of it names (caching.holds_until), e.g. when
            # the first of "Nächste Termine" ends. A rendered response knows it only after rendering.
            response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)

            def store(rendered):
                timeout = caching.timeout_until(getattr(request, "portal_holds_until", None))
                if timeout:
                    cache.set(key, self._for_proxy(rendered, timeout), timeout)

            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.add_post_render_callback(store)
            else:
                store(response)
        return response

    @staticmethod
    def _for_proxy(response, timeout: int):
        """nginx's microcache may keep what this cache keeps, no longer than this cache does (the header
        is not passed on to browsers). Stored with the response, so a hit carries it too."""
        if settings.PORTAL_PROXY_CACHE_SECONDS:
            response["X-Accel-Expires"] = str(min(settings.PORTAL_PROXY_CACHE_SECONDS, timeout))
        return response

    def _key(self, request) -> str | None:
        if request.method != "GET" or not (caching.caches_enabled() and settings.PORTAL_PAGE_CACHE):
            return None
        if request.path_info.startswith(self.excluded_prefixes):
            return None
        if not set(request.COOKIES) <= self.allowed_cookies or "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        full = f"{request.scheme}://{host}{request.get_full_path()}".encode("utf-8", "surrogateescape")
        today = timezone.localdate().isoformat()
        return f"portal:page:{caching.request_generation(request)}:{today}:{hashlib.sha256(full).hexdigest()}"

    def _storable(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return False
        if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME}:
            return False
        if is_cms_page(request):
            return True  # its never-cache header says only that django CMS's page cache is off
        cache_control = getattr(request, "view_cache_control", response.get("Cache-Control", ""))
        return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


# The URL names of django CMS's page view (cms.urls): pages, not apphooked app views.
CMS_PAGE_URL_NAMES = frozenset({"pages-root", "pages-details-by-slug"})


def is_cms_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in CMS_PAGE_URL_NAMES and match.namespace == ""


class ViewCacheControlMiddleware:
    """Innermost in the chain: notes the Cache-Control the view itself sent (never_cache, previews),
    before django CMS's toolbar middleware adds its own (see AnonymousPageCacheMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        request.view_cache_control = response.get("Cache-Control", "")
        return response
