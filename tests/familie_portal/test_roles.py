"""Editorial roles: IQZ edits everything, the Kommunale Redaktion only what is theirs."""

import pytest
from cms.models import PageContent
from cms.utils.page_permissions import user_can_change_page
from django.contrib.auth.models import Group

from familie_portal import roles

pytestmark = pytest.mark.django_db


def _content(reverse_id, language="de"):
    return PageContent.objects.get(page__reverse_id=reverse_id, language=language)


def test_groups_exist_with_page_permissions():
    iqz = Group.objects.get(name=roles.IQZ_GROUP)
    municipal = Group.objects.get(name=roles.MUNICIPAL_GROUP)
    assert iqz.permissions.filter(content_type__app_label="cms", codename="change_page").exists()
    assert municipal.permissions.filter(content_type__app_label="cms", codename="change_page").exists()
    # Only IQZ manages shared site blocks (aliases).
    assert iqz.permissions.filter(content_type__app_label="djangocms_alias").exists()
    assert not municipal.permissions.filter(content_type__app_label="djangocms_alias").exists()


def test_sync_roles_is_idempotent():
    before = set(Group.objects.get(name=roles.IQZ_GROUP).permissions.values_list("id", flat=True))
    roles.sync_roles()
    after = set(Group.objects.get(name=roles.IQZ_GROUP).permissions.values_list("id", flat=True))
    assert before == after


@pytest.mark.parametrize(
    ("username", "reverse_id", "allowed"),
    [
        ("iqz", "kommune-bochum", True),
        ("iqz", "impressum", True),
        ("bochum", "kommune-bochum", True),
        ("bochum", "kommune-gelsenkirchen", False),
        ("bochum", "impressum", False),
        ("bochum", "start", False),
        ("gelsenkirchen", "kommune-gelsenkirchen", True),
        ("gelsenkirchen", "kommune-bochum", False),
    ],
)
def test_page_change_permission_matrix(user_by_name, username, reverse_id, allowed):
    user = user_by_name(username)
    page = _content(reverse_id).page
    assert user_can_change_page(user, page) is allowed


@pytest.mark.parametrize(
    ("username", "reverse_id", "expected"),
    [
        ("bochum", "kommune-bochum", 200),
        ("bochum", "kommune-gelsenkirchen", 403),
        ("bochum", "impressum", 403),
        ("gelsenkirchen", "kommune-gelsenkirchen", 200),
        ("gelsenkirchen", "kommune-bochum", 403),
        ("iqz", "kommune-gelsenkirchen", 200),
    ],
)
def test_page_settings_form_in_admin(client, user_by_name, username, reverse_id, expected):
    client.force_login(user_by_name(username))
    response = client.get(f"/admin/cms/pagecontent/{_content(reverse_id).pk}/change/")
    assert response.status_code == expected


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/djangocms_alias/alias/"])
def test_municipal_editor_cannot_reach_site_administration(bochum_client, url):
    assert bochum_client.get(url).status_code == 403


def test_municipal_editor_can_log_into_admin(client, demo_password):
    assert client.login(username="bochum", password=demo_password)
    assert client.get("/admin/").status_code == 200
