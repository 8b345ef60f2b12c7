"""Changes to workshop reports that have rules beyond saving a form."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms.models import model_to_dict

from workshops.models import Workshop, WorkshopRevision

_INLINES = ("contributions", "quotes", "ranked_items", "downloads")


def _snapshot(workshop: Workshop) -> dict:
    data = model_to_dict(workshop)
    for name in _INLINES:
        data[name] = [
            {key: value for key, value in model_to_dict(row).items() if key != "workshop"}
            for row in getattr(workshop, name).all()
        ]
    # Plain JSON for the JSONField: dates as ISO strings, foreign keys as ids.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def workshop_record_revision(*, workshop: Workshop, user=None, comment: str = "") -> WorkshopRevision:
    """Keep the report's current state (with its inlines) in the edit history."""
    return WorkshopRevision.objects.create(
        workshop=workshop, user=user, status=workshop.status, comment=comment[:500], snapshot=_snapshot(workshop)
    )


@transaction.atomic
def workshop_set_status(*, workshop: Workshop, status: str, user=None) -> Workshop:
    """Publish a report or take it back to draft, and record that in the history."""
    if workshop.status != status:
        workshop.status = status
        workshop.save()
        label = Workshop.Status(status).label
        workshop_record_revision(workshop=workshop, user=user, comment=f"Status: {label}")
    return workshop
