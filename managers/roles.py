"""Permissions of the editorial roles for the managers app (merged by familie_portal.roles)."""

PERMISSIONS = {
    "IQZ-Redaktion": [
        "managers.familymanager",
        "managers.organisation",
        "managers.view_regierungsbezirk",
        "managers.view_kreis",
        "managers.view_municipality",
        "managers.mapteaser",
    ],
    # Object-level limits (only profiles active in their own municipality) live in managers.admin.
    "Kommunale Redaktion": [
        "managers.familymanager",
        "managers.view_municipality",
        # The "Karte klein" plugin on their pages.
        "managers.mapteaser",
    ],
}
