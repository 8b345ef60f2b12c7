"""Changes to events that are more than saving a form."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Event


def _free_slug(base: str) -> str:
    """`<base>-kopie`, else `<base>-kopie-2`, `-3`, … (within the field's 200 characters)."""
    stem = f"{base[:188]}-kopie"
    slug, number = stem, 1
    while Event.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{stem}-{number}"
    return slug


@transaction.atomic
def copy_event(event: Event) -> Event:
    """
    A new draft with everything the event has (dates and rule, place, organiser, target groups,
    downloads, image), its title marked as a copy, a free slug and a calendar UID of its own, so
    the original's subscribers never see it as a change of theirs. Nothing is public until an
    editor publishes the copy.
    """
    target_groups = list(event.target_groups.all())
    downloads = list(event.downloads.all())
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.uid = uuid.uuid4()
    copy.slug = _free_slug(event.slug)
    copy.status = Event.Status.DRAFT
    copy.draft_of, copy.merge_at = None, None  # a copy of a draft is an event of its own
    copy.title_de = _("%(title)s (Kopie)") % {"title": event.title_de}
    copy.save()
    copy.target_groups.set(target_groups)
    for download in downloads:
        download.pk = None
        download.event = copy
        download.save()
    return copy
