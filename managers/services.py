"""
Rules with side effects for Familienmanager profiles: withdrawn consent, and the housekeeping of their files.

Withdrawn consent (DSGVO Art. 7 (3)) and the action "Personenbezogene Daten entfernen" take a profile offline
at once, for every role, without review or draft (managers.admin): `family_manager_withdraw_consent()`.
What stays of the record is what the IQZ needs to know that the person was certified: name, address slug,
organisation, function, places, certification and focus. Photo (with every thumbnail, on the file system or
in the bucket: managers.signals), alternative text, e-mail, telephone and postal address are deleted, the
consent and its date are cleared, and the status is "Entwurf": a new consent is published again through
the usual way (review where the municipality needs one). The history (django-reversion) keeps no copy of
what was deleted (`family_manager_scrub_history()`), so restoring an old version brings neither the
person nor the data back; a deleted profile's history is scrubbed the same way.
"""

import json
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from familie_portal import drafts
from managers.models import FamilyManager

# A photo kept across a failed form (managers.forms.PENDING_DIR) waits this long for the editor to save again.
PENDING_UPLOAD_MAX_AGE = timedelta(days=1)

# What a withdrawal (and a deletion, in the history) leaves of the personal data: field → value.
WITHDRAWN_VALUES = {
    "photo": "", "photo_alt": "",
    "email": "", "show_email": False,
    "phone": "", "show_phone": False,
    "address": "", "show_address": False,
    "consent_to_publication": False, "consent_date": None,
    "status": FamilyManager.Status.DRAFT,
}


def is_consent_withdrawal(*, given: bool, now: bool) -> bool:
    """Does a save withdraw a consent that was given (stored `given`, saved `now`)?"""
    return bool(given) and not now


def apply_withdrawal(profile: FamilyManager) -> None:
    """Set the withdrawn values on the (unsaved) instance."""
    for name, value in WITHDRAWN_VALUES.items():
        setattr(profile, name, value)


@transaction.atomic
def family_manager_withdraw_consent(*, profile: FamilyManager, user, comment: str = "") -> FamilyManager:
    """
    Take the profile offline at once and delete its photo and contact data; returns the original.

    `profile` may be the draft of a published profile: its content (the form just saved) is merged into
    the original first. Any other draft is discarded (with its open review): no draft can bring the
    person back.
    """
    import reversion

    gone = set()  # drafts whose rows go now; a revision still open around this call may yet name them
    if drafts.is_draft_copy(profile):
        gone.add(profile.pk)
        original = drafts.merge(profile, user=user, comment=_("Entwurf übernommen (Einwilligung widerrufen)"))
    else:
        original = profile
        if (draft := drafts.draft_of(original)) is not None:
            gone.add(draft.pk)
            drafts.discard_draft(draft)
    original = FamilyManager.objects.select_for_update().get(pk=original.pk)
    with reversion.create_revision():
        apply_withdrawal(original)
        original.save()  # the photo's files go once this commits (managers.signals)
        reversion.add_to_revision(original)
        reversion.set_user(user)
        reversion.set_comment(comment or _("Einwilligung widerrufen: Profil offline, Foto und Kontaktdaten gelöscht"))
    scrub_history_now_and_on_commit(original.pk, *gone)
    return original


def scrub_history_now_and_on_commit(*pks) -> None:
    """Scrub the profiles' history now, and again once the transaction commits: the admin's revision
    around a change form is written at the end of the request's block, after the service ran."""
    def scrub():
        for pk in pks:
            family_manager_scrub_history(pk=pk)

    scrub()
    transaction.on_commit(scrub)


def family_manager_scrub_history(*, pk) -> int:
    """Overwrite the photo, contact data, consent and status in every stored version of the profile `pk`
    with the withdrawn values (a restore then shows nothing of them); returns how many versions changed."""
    from reversion.models import Version

    changed = 0
    for version in Version.objects.get_for_object_reference(FamilyManager, pk).filter(format="json"):
        data = json.loads(version.serialized_data)
        for entry in data:
            if entry.get("model") == FamilyManager._meta.label_lower:
                entry["fields"].update(WITHDRAWN_VALUES)
        serialized = json.dumps(data)
        if serialized != version.serialized_data:
            Version.objects.filter(pk=version.pk).update(serialized_data=serialized)
            changed += 1
    return changed


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
