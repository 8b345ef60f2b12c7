"""
Rate limits of the sign-up form, in the shared cache (no third-party service): per client IP (the same
rule as the login lockout, familie_portal.auth.client_ip) and per e-mail address (keyed by an HMAC, so the
cache never holds the address itself).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from familie_portal.auth import client_ip

WINDOW_SECONDS = 3600


def _over(key: str, limit: int) -> bool:
    """Counts one attempt; True once more than `limit` attempts fell into the current window."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit


def ip_over_limit(request) -> bool:
    ip = client_ip(request) or "unknown"
    return _over(f"registrations:ip:{salted_hmac('registrations.ip', ip).hexdigest()}",
                 settings.PORTAL_REGISTRATION_LIMIT_PER_IP)


def email_over_limit(email: str) -> bool:
    digest = salted_hmac("registrations.email", email.strip().lower()).hexdigest()
    return _over(f"registrations:email:{digest}", settings.PORTAL_REGISTRATION_LIMIT_PER_EMAIL)
