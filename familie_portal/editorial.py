"""
The editor's start page (the first page of /admin/): what is waiting for the signed-in editor.

Each app says what it has for a user in an optional module `<app>/start_page.py` with a function
`items(user, now) -> dict[section key, Entries]` (found like every other contribution, through
familie_portal.app_modules; `entries()` makes Entries from a queryset) and optionally
`next_steps(user) -> list[Step]` (the buttons at the top: "Ihre Kommunalseite bearbeiten", "Neue
Veranstaltung", …); this module puts them together per role: a Kommunale Redaktion first sees what
came back to it and what it submitted, the IQZ what waits for its review (oldest first). Two rules
used by every app live here: what is the editor's own (`own`: "Meine Entwürfe", "Meine nächsten
Termine") and what has not been checked for a year (`stale`).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version as Revision

from familie_portal.app_modules import app_modules
from familie_portal.models import ContentCheck

# Published content nobody has changed or confirmed for this long is listed as "seit 12 Monaten nicht geprüft".
STALE_AFTER = timedelta(days=365)
# Items shown per section; the heading says how many there are in all.
SECTION_LIMIT = 10

# key: (heading, what the section says when it is empty). The IQZ's heading of "in_review" is REVIEW_QUEUE.
SECTIONS = {
    "returned": (_("An mich zurückgegeben"), _("Nichts ist an Sie zurückgegangen.")),
    "in_review": (_("Zur Prüfung eingereicht"), _("Sie haben gerade nichts zur Prüfung eingereicht.")),
    "approved": (_("Freigegeben, erscheint bald"), _("Nichts wartet auf seinen Termin.")),
    "drafts": (_("Meine Entwürfe"), _("Keine offenen Entwürfe.")),
    "scheduled": (_("Geplant"), _("Keine Veröffentlichung geplant.")),
    "next_events": (_("Meine nächsten Termine"), _("In den nächsten Wochen stehen keine Termine an.")),
    "stale": (_("Seit 12 Monaten nicht geprüft"), _("Alles ist auf dem aktuellen Stand.")),
}
REVIEW_QUEUE = (_("Wartet auf Ihre Prüfung (älteste zuerst)"), _("Nichts wartet auf Ihre Prüfung."))
# Which sections matter to whom, in this order: the Kommunale Redaktion first sees what came back to it
# and what it handed in; the IQZ (who reviews and does not submit) what waits for it and what is planned.
AUTHOR_SECTIONS = ("returned", "in_review", "approved", "drafts", "scheduled", "next_events", "stale")
REVIEWER_SECTIONS = ("in_review", "scheduled", "drafts", "next_events", "stale")


@dataclass(frozen=True)
class Step:
    """A next step at the top of the start page: a link, or (`post`) a one-button form, e.g. versioning's
    "edit" that makes a draft of the published page before it opens the editor."""

    label: str
    url: str
    description: str = ""
    post: bool = False
    # Lower comes first.
    rank: int = 50


@dataclass(frozen=True)
class Item:
    """One line of a section: what it is, where to edit it, and a short detail (kind, date, state)."""

    title: str
    url: str
    detail: str = ""
    # (content type id, primary key) of published content that "noch aktuell" may confirm.
    check: tuple[int, int] | None = None


@dataclass(frozen=True)
class Entries:
    """What one app has for one section: the first items, and how many there are in all."""

    items: list[Item]
    total: int


def entries(queryset, make_item) -> Entries:
    """Entries from a queryset: the first SECTION_LIMIT rows made into Items, and the count."""
    return Entries([make_item(row) for row in queryset[:SECTION_LIMIT]], queryset.count())


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: list[Item]
    total: int
    empty: str = ""

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class StartPage:
    steps: list[Step] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    reviewer: bool = False


def start_page(user, *, now: datetime | None = None) -> StartPage:
    """`user`'s start page: the next steps, then the sections that matter to the role (empty ones with a
    short line saying so)."""
    from reviews.services import may_review

    now = now or timezone.now()
    reviewer = may_review(user)
    keys = REVIEWER_SECTIONS if reviewer else AUTHOR_SECTIONS
    items: dict[str, list[Item]] = {key: [] for key in SECTIONS}
    totals = dict.fromkeys(items, 0)
    steps: list[Step] = []
    for module in app_modules("start_page"):
        for key, found in module.items(user, now).items():
            items[key].extend(found.items)
            totals[key] += found.total
        if hasattr(module, "next_steps"):
            steps.extend(module.next_steps(user))
    sections = []
    for key in keys:
        title, empty = REVIEW_QUEUE if reviewer and key == "in_review" else SECTIONS[key]
        sections.append(Section(key, title, items[key][:SECTION_LIMIT], totals[key], empty))
    return StartPage(sorted(steps, key=lambda step: step.rank), sections, reviewer)


def own_organisations(user):
    """The organisations whose content is the user's own: their municipality's for the Kommunale Redaktion,
    the state's (Land / IQZ) for the IQZ-Redaktion and superusers, none for anybody else."""
    from managers.models import Organisation
    from managers.selectors import municipality_for_user
    from reviews.services import may_review

    municipality = municipality_for_user(user)
    if municipality is not None:
        return Organisation.objects.filter(municipality=municipality)
    if user.is_staff and may_review(user):
        return Organisation.objects.filter(kind=Organisation.Kind.STATE)
    return Organisation.objects.none()


def authored_by(user, model) -> models.Exists:
    """True for the rows of `model` `user` has saved (their name on a revision of the history)."""
    return models.Exists(Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(model), revision__user=user,
        object_id=Cast(models.OuterRef("pk"), models.CharField()),
    ))


def own(queryset: models.QuerySet, user, *, organisation: str | None = None,
        municipality: str | None = None) -> models.QuerySet:
    """The editor's own rows of `queryset` ("Meine …"): authored by `user`, or belonging to their
    organisation (the lookup `organisation` leads to an Organisation) or, for the Kommunale Redaktion,
    to their municipality (`municipality` leads to a Municipality). The one rule of every "Meine" list."""
    from managers.selectors import municipality_for_user

    mine = authored_by(user, queryset.model)
    if organisation is not None:
        mine |= models.Q(**{f"{organisation}__in": own_organisations(user)})
    place = municipality_for_user(user)
    if municipality is not None and place is not None:  # a subquery: a profile of two places stays one row
        mine |= models.Q(pk__in=queryset.model._base_manager.filter(**{municipality: place}).values("pk"))
    return queryset.filter(mine)


def waiting_since(moment: datetime, *, now: datetime) -> str:
    """How long something has waited: "Wartezeit: 3 Tage"."""
    return gettext("Wartezeit: %(duration)s") % {"duration": timesince(moment, now, depth=1)}


def stale(queryset: models.QuerySet, changed_field: str, *, now: datetime) -> models.QuerySet:
    """The rows of `queryset` not changed (`changed_field`) and not confirmed current for STALE_AFTER."""
    cutoff = now - STALE_AFTER
    recently_checked = ContentCheck.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), checked_at__gte=cutoff,
    ).values("object_id")
    return queryset.filter(**{f"{changed_field}__lt": cutoff}).exclude(pk__in=recently_checked)


def local_time(moment: datetime) -> str:
    """A moment as the start page writes it: local time, German short format ("01.12.2026 15:30")."""
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def local_day(moment: datetime) -> str:
    """A day as the start page writes it ("15.12.2026"), for all-day dates."""
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def changed(kind: str, moment: datetime) -> str:
    """An item's detail: its kind and when it was last changed."""
    return gettext("%(kind)s · geändert %(when)s") % {"kind": kind, "when": local_time(moment)}


def scheduled(queryset: models.QuerySet, *, now: datetime) -> models.QuerySet:
    """The rows of `queryset` (familie_portal.scheduling.Scheduled) with a publication or withdrawal to come."""
    return queryset.filter(models.Q(publish_at__gt=now) | models.Q(withdraw_at__gt=now)).order_by(
        models.F("publish_at").asc(nulls_last=True), "withdraw_at")


def when_scheduled(obj, *, now: datetime) -> str:
    """"ab 01.12.2026 09:00" / "bis …": what is to come of `obj`'s schedule."""
    parts = []
    if obj.publish_at and obj.publish_at > now:
        parts.append(gettext("veröffentlichen am %(when)s") % {"when": local_time(obj.publish_at)})
    if obj.withdraw_at and obj.withdraw_at > now:
        parts.append(gettext("zurückziehen am %(when)s") % {"when": local_time(obj.withdraw_at)})
    return ", ".join(parts)


def check_of(obj) -> tuple[int, int]:
    """What an Item's "noch aktuell" button sends for `obj`."""
    return ContentType.objects.get_for_model(obj).pk, obj.pk


def confirm_current(obj, user, *, now: datetime | None = None) -> ContentCheck:
    """`user` confirms that `obj` is still current: off the stale list for another STALE_AFTER."""
    check, _created = ContentCheck.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        defaults={"checked_at": now or timezone.now(), "checked_by": user},
    )
    return check
