"""Changes to workshop reports that have rules beyond saving a form."""

import reversion
from django.db import transaction
from django.utils.translation import gettext as _

from workshops.models import Workshop


@transaction.atomic
def workshop_set_status(*, workshop: Workshop, status: str, user=None) -> Workshop:
    """Publish a report or take it back to draft, and record that in the history (django-reversion)."""
    if workshop.status != status:
        workshop.status = status
        with reversion.create_revision():
            workshop.save()
            reversion.set_user(user)
            reversion.set_comment(_("Status „%(status)s“ (Sammelaktion)") % {"status": Workshop.Status(status).label})
    return workshop
