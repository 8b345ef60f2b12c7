"""What the editor's start page shows of events (see familie_portal.editorial)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import Event
from events.selectors import OccurrenceWindow, events_editable_by, upcoming_end
from familie_portal.drafts import start_page_title
from familie_portal.editorial import (
    SECTION_LIMIT,
    Entries,
    Item,
    Step,
    changed,
    check_of,
    entries,
    local_day,
    local_time,
    own,
    scheduled,
    stale,
    when_scheduled,
)


def _edit_url(event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def _item(event, *, check: bool = False) -> Item:
    return Item(start_page_title(event, event.title), _edit_url(event), changed(_("Veranstaltung"), event.updated),
                check_of(event) if check else None)


def next_steps(user) -> list[Step]:
    if not user.has_perm("events.add_event"):
        return []
    return [Step(_("Neue Veranstaltung"), reverse("admin:events_event_add"),
                 _("Ein Termin oder eine Serie, auf Wunsch mit Anmeldung."), rank=20)]


def items(user, now) -> dict[str, Entries]:
    if not user.has_perm("events.change_event"):
        return {}
    editable = events_editable_by(user)
    mine = own(editable, user, organisation="organiser")
    window = OccurrenceWindow(mine.published().for_listing(), now, upcoming_end(now))  # counted, not expanded
    return {
        "drafts": entries(mine.filter(status=Event.Status.DRAFT).order_by("-updated"), _item),
        "next_events": Entries(
            [Item(occurrence.title, _edit_url(occurrence.event),
                  local_day(occurrence.start) if occurrence.all_day else local_time(occurrence.start))
             for occurrence in window[:SECTION_LIMIT]],
            len(window),
        ),
        "scheduled": entries(scheduled(editable, now=now), lambda event: Item(
            event.title, _edit_url(event), when_scheduled(event, now=now))),
        "stale": entries(stale(editable.published(), "updated", now=now).order_by("updated"),
                         lambda event: _item(event, check=True)),
    }
