from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The default ministry name (settings.PORTAL_MINISTRY_NAME) as a msgid, so that the English pages
# show the ministry's English name. A deployment that configures another name gets it unchanged
# in every language (gettext returns an unknown msgid as it is).
DEFAULT_MINISTRY_NAME = gettext_noop(
    "Ministerium für Kinder, Familie, Flüchtlinge und Integration des Landes Nordrhein-Westfalen"
)


def portal(request):
    """Branding shown on every page; configurable per deployment (see README)."""
    return {
        # gettext("") would return the catalogue's header: an empty name stays empty.
        "PORTAL_MINISTRY_NAME": gettext(settings.PORTAL_MINISTRY_NAME) if settings.PORTAL_MINISTRY_NAME else "",
        "PORTAL_SITE_NAME": settings.PORTAL_SITE_NAME,
    }
