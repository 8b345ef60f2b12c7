"""Open data of the directory, listed on the "Feeds und Kalender" page."""

from django.utils.translation import gettext_lazy as _

from familie_portal.discovery import FeedLink

DISCOVERY = [
    FeedLink(_("Familienmanager in NRW"), _("Kommunen mit der Zahl veröffentlichter Profile (ohne Personendaten)"),
             "managers:geojson", "GeoJSON"),
]
