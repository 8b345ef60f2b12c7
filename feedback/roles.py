"""Feedback is the IQZ-Redaktion's alone: municipal editors have no permission on it."""

PERMISSIONS = {
    "IQZ-Redaktion": ["feedback"],
}
