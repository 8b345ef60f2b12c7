"""
The editor's start page (the first page of /admin/): what is waiting for the signed-in editor.

Each app says what it has for a user in an optional module `<app>/start_page.py` with a function
`items(user, now) -> dict[section key, Entries]` (found like every other contribution, through
familie_portal.app_modules; `entries()` makes Entries from a queryset); this module puts the sections
together in a fixed order, with their headings. The rule for "not checked for a year" lives here
(`stale`), used by every app.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from familie_portal.app_modules import app_modules
from familie_portal.models import ContentCheck

# Published content nobody has changed or confirmed for this long is listed as "seit 12 Monaten nicht geprüft".
STALE_AFTER = timedelta(days=365)
# Items shown per section; the heading says how many there are in all.
SECTION_LIMIT = 10

SECTIONS = [
    ("drafts", _("Meine Entwürfe")),
    ("in_review", _("Zur Prüfung eingereicht")),
    ("returned", _("An mich zurückgegeben")),
    ("approved", _("Freigegeben, erscheint bald")),
    ("scheduled", _("Geplant")),
    ("next_events", _("Meine nächsten Termine")),
    ("stale", _("Seit 12 Monaten nicht geprüft")),
]


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

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def start_page(user, *, now: datetime | None = None) -> list[Section]:
    """The sections of `user`'s start page (empty ones included: the page says "Nichts offen")."""
    now = now or timezone.now()
    items: dict[str, list[Item]] = {key: [] for key, _title in SECTIONS}
    totals = dict.fromkeys(items, 0)
    for module in app_modules("start_page"):
        for key, found in module.items(user, now).items():
            items[key].extend(found.items)
            totals[key] += found.total
    return [Section(key, title, items[key][:SECTION_LIMIT], totals[key]) for key, title in SECTIONS]


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
