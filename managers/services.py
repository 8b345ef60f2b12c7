"""Housekeeping of the Familienmanager profiles' files."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

# A photo kept across a failed form (managers.forms.PENDING_DIR) waits this long for the editor to save again.
PENDING_UPLOAD_MAX_AGE = timedelta(days=1)


def delete_stale_pending_uploads(max_age: timedelta = PENDING_UPLOAD_MAX_AGE) -> int:
    """Delete the pending profile photos older than `max_age` (the form was never saved); returns how many."""
    from managers.forms import PENDING_DIR

    if not default_storage.exists(PENDING_DIR):
        return 0
    cutoff = timezone.now() - max_age
    deleted = 0
    for name in default_storage.listdir(PENDING_DIR)[1]:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    return deleted
