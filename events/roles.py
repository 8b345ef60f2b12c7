"""Permissions of the editorial roles for the event calendar (object-level limits: events/admin.py)."""

PERMISSIONS = {
    "IQZ-Redaktion": ["events"],
    # Their own municipality's events only (enforced in EventAdmin); categories and target groups
    # are the IQZ's vocabulary, the Kommunale Redaktion picks from it.
    "Kommunale Redaktion": [
        "events.event",
        "events.eventdownload",
        "events.view_category",
        "events.view_targetgroup",
        "events.minicalendarpluginmodel",
        "events.upcomingeventspluginmodel",
    ],
}
