"""Demo dates of the accessibility statement (the row the IQZ keeps current in the admin). Idempotent."""

from datetime import date

from feedback.models import AccessibilityStatement


def load(*, stdout=None) -> None:
    if not AccessibilityStatement.objects.exists():
        AccessibilityStatement.objects.create(prepared_on=date(2025, 9, 1), reviewed_on=date(2026, 9, 1))
    if stdout:
        stdout.write("Barrierefreiheit: Stand der Erklärung eingetragen.")
