"""Rate limits of the sign-up form: per client IP and per e-mail address (familie_portal.ratelimit)."""

from django.conf import settings

from familie_portal import ratelimit

SCOPE = "registrations"


def ip_over_limit(request) -> bool:
    return ratelimit.ip_over_limit(request, scope=SCOPE, limit=settings.PORTAL_REGISTRATION_LIMIT_PER_IP)


def email_over_limit(email: str) -> bool:
    return ratelimit.value_over_limit(email, scope=SCOPE, kind="email",
                                      limit=settings.PORTAL_REGISTRATION_LIMIT_PER_EMAIL)
