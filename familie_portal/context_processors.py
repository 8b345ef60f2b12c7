from django.conf import settings


def portal(request):
    """Branding shown on every page; configurable per deployment (see README)."""
    return {
        "PORTAL_MINISTRY_NAME": settings.PORTAL_MINISTRY_NAME,
        "PORTAL_SITE_NAME": settings.PORTAL_SITE_NAME,
    }
