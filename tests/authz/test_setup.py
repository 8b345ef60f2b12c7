"""
The matrix runs on a database set up as production is: every role and permission comes from
`migrate` and `manage.py add_municipality` (tests/conftest.py); the demo content on top adds none.
"""

import pytest
from cms.models import GlobalPagePermission, PagePermission
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from filer.models import FolderPermission

from familie_portal import demo, onboarding, roles
from managers.models import MunicipalEditor

pytestmark = pytest.mark.django_db


def _permission_rows():
    User = get_user_model()
    return {
        "groups": {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()},
        "memberships": set(User.groups.through.objects.values_list("user__username", "group__name")),
        "user permissions": User.user_permissions.through.objects.count(),
        "global page": set(GlobalPagePermission.objects.values_list("group__name", "user__username")),
        "page": set(PagePermission.objects.values_list("user__username", "group__name", "page__reverse_id")),
        "folder": set(FolderPermission.objects.values_list("folder__name", "user__username", "group__name")),
        "editors": set(MunicipalEditor.objects.values_list("user__username", "municipality__slug")),
        "superusers": set(User.objects.filter(is_superuser=True).values_list("username", flat=True)),
    }


def test_permissions_are_exactly_those_of_migrate_and_add_municipality():
    rows = _permission_rows()
    assert rows["global page"] == {(roles.IQZ_GROUP, None)}
    assert rows["page"] == {("bochum", None, "kommune-bochum"), ("gelsenkirchen", None, "kommune-gelsenkirchen")}
    assert rows["folder"] == {
        (None, None, roles.IQZ_GROUP), (None, None, roles.MUNICIPAL_GROUP),
        ("Bochum", "bochum", None), ("Gelsenkirchen", "gelsenkirchen", None),
    }
    assert rows["editors"] == {("bochum", "bochum"), ("gelsenkirchen", "gelsenkirchen")}
    assert rows["memberships"] == {("iqz", roles.IQZ_GROUP), ("bochum", roles.MUNICIPAL_GROUP),
                                   ("gelsenkirchen", roles.MUNICIPAL_GROUP)}
    assert rows["user permissions"] == 0
    assert rows["superusers"] == {"admin"}
    assert set(rows["groups"]) == {roles.IQZ_GROUP, roles.MUNICIPAL_GROUP}
    assert Permission.objects.filter(group__name=roles.IQZ_GROUP).exists()


def test_the_demo_adds_no_role_or_permission():
    before = _permission_rows()
    demo.load_demo_content()
    onboarding.portal_setup()
    assert _permission_rows() == before
