"""What the editor's start page shows of Familienmanager profiles (see familie_portal.editorial)."""

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
from managers.models import FamilyManager
from managers.selectors import profiles_editable_by


def _item(profile, *, check: bool = False) -> Item:
    return Item(start_page_title(profile, profile.name),
                reverse("admin:managers_familymanager_change", args=[profile.pk]),
                changed(_("Profil"), profile.updated), check_of(profile) if check else None)


def next_steps(user) -> list[Step]:
    if not user.has_perm("managers.add_familymanager"):
        return []
    return [Step(_("Profil anlegen"), reverse("admin:managers_familymanager_add"),
                 _("Eine Familienmanagerin oder einen Familienmanager vorstellen."), rank=30)]


def items(user, now) -> dict[str, Entries]:
    if not user.has_perm("managers.change_familymanager"):
        return {}
    profiles = profiles_editable_by(user)
    mine = own(profiles, user, municipality="municipalities")
    return {
        "drafts": entries(mine.filter(status=FamilyManager.Status.DRAFT).order_by("-updated"), _item),
        "scheduled": entries(scheduled(profiles, now=now), lambda profile: Item(
            profile.name, reverse("admin:managers_familymanager_change", args=[profile.pk]),
            when_scheduled(profile, now=now))),
        "stale": entries(stale(profiles.public(), "updated", now=now).order_by("updated"),
                         lambda profile: _item(profile, check=True)),
    }
