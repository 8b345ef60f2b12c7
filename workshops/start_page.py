"""What the editor's start page shows of workshop reports (see familie_portal.editorial)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from familie_portal.drafts import start_page_title
from familie_portal.editorial import (
    Entries,
    Item,
    Step,
    changed,
    check_of,
    entries,
    own,
    scheduled,
    stale,
    when_scheduled,
)
from workshops.models import Workshop


def _item(report, *, check: bool = False) -> Item:
    return Item(start_page_title(report, report.title_de),
                reverse("admin:workshops_workshop_change", args=[report.pk]),
                changed(_("Werkstattbericht"), report.updated_at), check_of(report) if check else None)


def next_steps(user) -> list[Step]:
    if not user.has_perm("workshops.add_workshop"):
        return []
    return [Step(_("Neuer Werkstattbericht"), reverse("admin:workshops_workshop_add"),
                 _("Bericht zu einem Workshop der Werkstattreihe."), rank=40)]


def items(user, now) -> dict[str, Entries]:
    if not user.has_perm("workshops.change_workshop"):
        return {}
    reports = Workshop.objects.all()
    mine = own(reports, user, organisation="organiser")
    return {
        "drafts": entries(mine.filter(status=Workshop.Status.DRAFT).order_by("-updated_at"), _item),
        "scheduled": entries(scheduled(reports, now=now), lambda report: Item(
            report.title_de, reverse("admin:workshops_workshop_change", args=[report.pk]),
            when_scheduled(report, now=now))),
        "stale": entries(stale(reports.published(), "updated_at", now=now).order_by("updated_at"),
                         lambda report: _item(report, check=True)),
    }
