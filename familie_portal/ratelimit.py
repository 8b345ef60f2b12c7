"""
Rate limits of the public forms (sign-up, feedback), in the shared cache (no third-party service): per client IP
(the same rule as the login lockout, familie_portal.auth.client_ip) and per value such as an e-mail address
(keyed by an HMAC, so the cache never holds the address itself). Each form names its own scope, so one
form's attempts never count against another's.
"""

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


def ip_over_limit(request, *, scope: str, limit: int) -> bool:
    ip = client_ip(request) or "unknown"
    return _over(f"{scope}:ip:{salted_hmac(f'{scope}.ip', ip).hexdigest()}", limit)


def value_over_limit(value: str, *, scope: str, kind: str, limit: int) -> bool:
    """`kind` names what the value is ("email"); compared trimmed and case-insensitive."""
    digest = salted_hmac(f"{scope}.{kind}", value.strip().lower()).hexdigest()
    return _over(f"{scope}:{kind}:{digest}", limit)
