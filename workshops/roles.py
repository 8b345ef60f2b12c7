"""What the editorial roles may do with workshop reports (merged into familie_portal.roles)."""

PERMISSIONS = {
    # The IQZ runs the Werkstattreihe: reports, their parts and the edit history.
    "IQZ-Redaktion": ["workshops"],
    # Municipal editors may put the "Neueste Werkstattberichte" teaser on their pages, but not
    # edit reports.
    "Kommunale Redaktion": ["workshops.latestworkshops"],
}
