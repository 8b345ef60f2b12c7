"""Permissions for registrations (object-level limits by the event: registrations/admin.py)."""

PERMISSIONS = {
    "IQZ-Redaktion": ["registrations"],
    # Their own municipality's events' dates and participants only (enforced in the admin).
    "Kommunale Redaktion": [
        "registrations.registrationsettings",
        "registrations.eventdate",
        "registrations.view_registration",
        "registrations.delete_registration",
    ],
}
