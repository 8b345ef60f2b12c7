"""
Login protection: django-axes with the portal's client-IP rule.

Behind a reverse proxy every request comes from the proxy's address. `client_ip` reads the
header named by settings.PORTAL_CLIENT_IP_HEADER (set it only when the proxy overwrites that
header), otherwise REMOTE_ADDR.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_ip(request) -> str | None:
    header = settings.PORTAL_CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        # X-Forwarded-For: "client, proxy1, proxy2" - the proxy we trust appended the last hop it
        # saw, so the right-most entry is the one it vouches for.
        candidate = value.split(",")[-1].strip()
        if candidate:
            return candidate
    return request.META.get("REMOTE_ADDR")


class LockoutBackend(AxesStandaloneBackend):
    """
    django-axes' backend, except that `authenticate()` calls without a request (management
    commands, the test client's `login()`) are left to the next backend instead of raising:
    there is no client to lock out. Every login view over HTTP passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
