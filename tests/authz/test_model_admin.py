"""
Authorization matrix of the portal's own admin screens: roles × objects × admin actions.

Each object has a right per role (CHANGE, VIEW or nothing, from RIGHTS); each action is tried by
every role, and the expectation follows from the right: what is theirs answers 200/302 and the
write happens, anything else is refused (never 200) and the database is unchanged afterwards.
"""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from familie_portal import drafts
from reviews import kinds, services

from .support import ROLES, admin_form_data, client_as, denied, snapshot

# The cities' rights besides review (switched off here; tests/authz/test_review_publishing.py has review on).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_review")]

CHANGE, VIEW, NONE = "change", "view", None


@dataclass(frozen=True)
class Target:
    model: str  # "app_label.Model"
    lookup: dict
    field: str  # a text field the change POST alters
    publishable: bool = False

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def admin_name(self):
        meta = self.model_class._meta
        return f"admin:{meta.app_label}_{meta.model_name}"

    def get(self):
        return self.model_class._default_manager.get(**self.lookup)

    def queryset(self):
        return self.model_class._default_manager.all()


TARGETS = {
    # Familienmanager profiles: each city's own, and one the IQZ alone manages (Köln).
    "profile/bochum": Target("managers.FamilyManager", {"slug": "berta-beispiel"}, "name"),
    "profile/gelsenkirchen": Target("managers.FamilyManager", {"slug": "gerda-exempel"}, "name"),
    "profile/koeln": Target("managers.FamilyManager", {"slug": "konrad-koelner"}, "name"),
    # Events by organiser.
    "event/stadt-bochum": Target("events.Event", {"slug": "familienfest-im-stadtpark-bochum-2008"}, "title_de", True),
    "event/stadt-gelsenkirchen": Target(
        "events.Event", {"slug": "spielestunden-in-haushalten-infoabend-2008"}, "title_de", True
    ),
    "event/iqz": Target("events.Event", {"slug": "werkstatt-familienfreundliche-stadtplanung"}, "title_de", True),
    "event-category": Target("events.Category", {"position": 0}, "name_de"),
    # The IQZ's workshop report.
    "report/iqz": Target(
        "workshops.Workshop", {"slug_de": "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"}, "title_de", True
    ),
    "organisation/stadt-gelsenkirchen": Target("managers.Organisation", {"slug": "stadt-gelsenkirchen"}, "name"),
    "municipality/gelsenkirchen": Target("managers.Municipality", {"slug": "gelsenkirchen"}, "name"),
    "municipal-editor/gelsenkirchen": Target("managers.MunicipalEditor", {"user__username": "gelsenkirchen"}, "id"),
    # Site administration.
    "user/gelsenkirchen": Target("auth.User", {"username": "gelsenkirchen"}, "first_name"),
    "group/kommunale-redaktion": Target("auth.Group", {"name": "Kommunale Redaktion"}, "name"),
}

# What each role may do with each object; absent means nothing. The superuser may change everything.
RIGHTS = {
    "bochum": {
        "profile/bochum": CHANGE, "event/stadt-bochum": CHANGE,
        "event-category": VIEW, "municipality/gelsenkirchen": VIEW,
    },
    "gelsenkirchen": {
        "profile/gelsenkirchen": CHANGE, "event/stadt-gelsenkirchen": CHANGE,
        "event-category": VIEW, "municipality/gelsenkirchen": VIEW,
    },
    "iqz": {
        **{key: CHANGE for key in TARGETS if key.split("/")[0] in ("profile", "event", "event-category", "report")},
        "organisation/stadt-gelsenkirchen": CHANGE,
        "municipality/gelsenkirchen": VIEW,
    },
    "admin": dict.fromkeys(TARGETS, CHANGE),
}

# Objects the superuser cannot delete because others point at them (PROTECT): the confirmation
# page lists what blocks it instead.
PROTECTED = {"organisation/stadt-gelsenkirchen", "municipality/gelsenkirchen", "event-category"}


def right(role, key):
    return RIGHTS[role].get(key, NONE)


def model_right(role, key):
    """The strongest right the role has on any object of the same model (decides changelist/add)."""
    model = TARGETS[key].model
    rights = {right(role, other) for other, target in TARGETS.items() if target.model == model}
    return CHANGE if CHANGE in rights else VIEW if VIEW in rights else NONE


CASES = [(role, key) for role in ROLES for key in TARGETS]
IDS = [f"{role}-{key}" for role, key in CASES]


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_changelist_lists_only_what_the_role_may_see(role, key):
    target = TARGETS[key]
    response = client_as(role).get(reverse(f"{target.admin_name}_changelist"))
    if model_right(role, key) is NONE:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = response.context["cl"].queryset.filter(pk=target.get().pk).exists()
    assert listed is (right(role, key) is not NONE)


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_change_form_get(role, key):
    target = TARGETS[key]
    response = client_as(role).get(reverse(f"{target.admin_name}_change", args=[target.get().pk]))
    if right(role, key) is NONE:
        assert denied(response), response.status_code
        return
    assert response.status_code == 200
    can_save = 'name="_save"' in response.content.decode()
    assert can_save is (right(role, key) == CHANGE)


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_change_post(role, key):
    target = TARGETS[key]
    obj = target.get()
    url = reverse(f"{target.admin_name}_change", args=[obj.pk])
    if target.field == "id":
        data = admin_form_data(url)
    else:
        data = admin_form_data(url, **{target.field: f"{getattr(obj, target.field)} (geändert)"})
    before = snapshot(target.queryset(), target.field)
    client = client_as(role)
    response = client.post(url, data)
    if right(role, key) == CHANGE:
        assert response.status_code == 302, _errors(response)
        if target.field != "id":
            obj.refresh_from_db()
            if not isinstance(obj, drafts.DraftMixin) or not kinds.is_public(obj):
                assert getattr(obj, target.field).endswith("(geändert)")
                return
            # Published content: a save is a draft for every role; the published version stays.
            assert not getattr(obj, target.field).endswith("(geändert)")
            assert getattr(drafts.draft_of(obj), target.field).endswith("(geändert)")
            if services.may_publish_alone(get_user_model().objects.get(username=role), obj):
                # "Sofort veröffentlichen" changes it in public.
                assert client.post(url, {**data, "_publish_now": "1"}).status_code == 302
                obj.refresh_from_db()
                assert getattr(obj, target.field).endswith("(geändert)")
    else:
        assert denied(response), response.status_code
        assert snapshot(target.queryset(), target.field) == before


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_delete_confirmation_and_post(role, key):
    target = TARGETS[key]
    obj = target.get()
    url = reverse(f"{target.admin_name}_delete", args=[obj.pk])
    client = client_as(role)
    before = snapshot(target.queryset(), target.field)
    if right(role, key) != CHANGE:
        assert denied(client.get(url))
        assert denied(client.post(url, {"post": "yes"}))
        assert snapshot(target.queryset(), target.field) == before
        return
    assert client.get(url).status_code == 200
    response = client.post(url, {"post": "yes"})
    if key in PROTECTED:
        assert snapshot(target.queryset(), target.field) == before
    else:
        assert response.status_code == 302
        assert not target.queryset().filter(pk=obj.pk).exists()


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_bulk_delete_selected(role, key):
    target = TARGETS[key]
    obj = target.get()
    before = snapshot(target.queryset(), target.field)
    client = client_as(role)
    url = reverse(f"{target.admin_name}_changelist")
    data = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    response = client.post(url, data)
    if right(role, key) == CHANGE and key not in PROTECTED:
        assert response.status_code == 302
        assert not target.queryset().filter(pk=obj.pk).exists()
    else:
        assert response.status_code != 200 or model_right(role, key) is not NONE
        assert snapshot(target.queryset(), target.field) == before


PUBLISHABLE = [(role, key) for role, key in CASES if TARGETS[key].publishable]


@pytest.mark.parametrize("action", ["publish", "unpublish"])
@pytest.mark.parametrize(("role", "key"), PUBLISHABLE, ids=[f"{r}-{k}" for r, k in PUBLISHABLE])
def test_bulk_publish_actions(role, key, action):
    target = TARGETS[key]
    obj = target.get()
    # Start from the opposite state so that an allowed action visibly changes it.
    start = "draft" if action == "publish" else "published"
    obj.status = start
    obj.save()
    response = client_as(role).post(
        reverse(f"{target.admin_name}_changelist"), {"action": action, "_selected_action": [obj.pk]}
    )
    obj.refresh_from_db()
    if right(role, key) == CHANGE:
        assert response.status_code == 302
        assert obj.status != start
    else:
        assert obj.status == start


# --- add ------------------------------------------------------------------------------------------

def _add_data(key, **changes):
    """A new object's form: an existing object's values (its inlines dropped) with new unique fields."""
    target = TARGETS[key]
    data = admin_form_data(reverse(f"{target.admin_name}_change", args=[target.get().pk]), **changes)
    for name in list(data):
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            data[name] = ["0"]
        elif re.match(r"^.+-\d+-.+$", name):
            del data[name]
    return data


ADD_CASES = {
    # name: (object whose form is copied, changes, who may create it)
    "profile in Bochum": ("profile/bochum", {"name": "Neue Bochumerin", "slug": "neue-bochumerin"},
                          {"bochum", "iqz", "admin"}),
    "profile in Gelsenkirchen": ("profile/gelsenkirchen", {"name": "Neue Gelsenkirchenerin", "slug": "neue-ge"},
                                 {"gelsenkirchen", "iqz", "admin"}),
    "event of Stadt Bochum": ("event/stadt-bochum", {"title_de": "Neues Fest", "slug": "neues-fest-bochum"},
                              {"bochum", "iqz", "admin"}),
    "event of the IQZ": ("event/iqz", {"title_de": "Neue Werkstatt", "slug": "neue-werkstatt-iqz"},
                         {"iqz", "admin"}),
    "workshop report": ("report/iqz", {"title_de": "Neuer Bericht", "slug_de": "neuer-bericht", "slug_en": ""},
                        {"iqz", "admin"}),
    "user": ("user/gelsenkirchen", {"username": "neu"}, {"admin"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(ADD_CASES))
def test_add(role, case):
    key, changes, allowed = ADD_CASES[case]
    target = TARGETS[key]
    client = client_as(role)
    url = reverse(f"{target.admin_name}_add")
    if target.model == "auth.User":
        data = {"username": "neu", "password1": "ein-Langes-Passwort-2008", "password2": "ein-Langes-Passwort-2008",
                "usable_password": "true"}
    else:
        data = _add_data(key, **changes)
    before = snapshot(target.queryset(), target.field)
    get = client.get(url)
    response = client.post(url, data)
    if role in allowed:
        assert get.status_code == 200
        assert response.status_code == 302, _errors(response)
        assert target.queryset().count() == before[0] + 1
    else:
        # The add form itself may be theirs (their own city's objects): then the crafted post for
        # another city's object comes back as a form error, never as a new row.
        assert get.status_code in (200, 403)
        assert response.status_code in (200, 403)
        if response.status_code == 200:
            assert response.context["adminform"].form.errors
        assert snapshot(target.queryset(), target.field) == before


# --- moving one's own object to another city ------------------------------------------------------

def test_bochum_cannot_move_own_event_to_another_organiser():
    target = TARGETS["event/stadt-bochum"]
    event = target.get()
    gelsenkirchen = apps.get_model("managers.Organisation").objects.get(slug="stadt-gelsenkirchen")
    url = reverse(f"{target.admin_name}_change", args=[event.pk])
    response = client_as("bochum").post(url, admin_form_data(url, organiser=str(gelsenkirchen.pk)))
    assert response.status_code == 200
    assert "organiser" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.organiser.slug == "stadt-bochum"


def test_bochum_cannot_move_own_profile_to_another_city():
    target = TARGETS["profile/bochum"]
    profile = target.get()
    gelsenkirchen = apps.get_model("managers.Municipality").objects.get(slug="gelsenkirchen")
    url = reverse(f"{target.admin_name}_change", args=[profile.pk])
    response = client_as("bochum").post(url, admin_form_data(url, municipalities=[str(gelsenkirchen.pk)]))
    assert response.status_code == 200
    assert "municipalities" in response.context["adminform"].form.errors
    assert list(profile.municipalities.values_list("slug", flat=True)) == ["bochum"]


def test_organiser_filter_of_the_event_list_shows_names_only():
    """The filter lists every organiser's name (public information); choosing another city's lists nothing."""
    gelsenkirchen = apps.get_model("managers.Organisation").objects.get(slug="stadt-gelsenkirchen")
    response = client_as("bochum").get(
        reverse("admin:events_event_changelist"), {"organiser__id__exact": gelsenkirchen.pk}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


def _errors(response):
    context = getattr(response, "context", None)
    if response.status_code == 200 and context and "adminform" in context:
        return context["adminform"].form.errors, [f.formset.errors for f in context.get("inline_admin_formsets", [])]
    return response.status_code


# --- previews of drafts (events, profiles, reports): who may change the object sees it, nobody else ------------

PREVIEWABLE = [key for key, target in TARGETS.items()
               if target.model in ("events.Event", "managers.FamilyManager", "workshops.Workshop")]
PREVIEW_CASES = [(role, key) for role in [None, *ROLES] for key in PREVIEWABLE]


@pytest.mark.parametrize(("role", "key"), PREVIEW_CASES, ids=[f"{r or 'anonymous'}-{k}" for r, k in PREVIEW_CASES])
def test_preview_of_a_draft(role, key):
    target = TARGETS[key]
    obj = target.get()
    target.queryset().filter(pk=obj.pk).update(status="draft")
    response = client_as(role).get(obj.get_preview_url())
    if role is not None and right(role, key) == CHANGE:
        assert response.status_code == 200
        assert "Vorschau" in response.content.decode()
        assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    else:
        assert response.status_code == 404, "a draft's existence is not public either"
