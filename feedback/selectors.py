"""Reads of the feedback app."""

from feedback.models import AccessibilityStatement


def accessibility_statement() -> AccessibilityStatement | None:
    """The dates of the accessibility statement (one row, kept by the IQZ in the admin), None before the first."""
    return AccessibilityStatement.objects.order_by("pk").first()
