"""Production without the demo: what `migrate` sets up, and `manage.py add_municipality`."""

import io

import pytest
from cms.models import GlobalPagePermission, Page, PageContent, PagePermission
from cms.utils.page_permissions import user_can_change_page, user_can_publish_page
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from djangocms_versioning.constants import PUBLISHED
from djangocms_versioning.models import Version
from filer.models import Folder, FolderPermission

from familie_portal import onboarding, roles
from managers.models import MunicipalEditor, Municipality

pytestmark = pytest.mark.django_db

TABLES = [Page, PageContent, Version, PagePermission, GlobalPagePermission, Folder, FolderPermission,
          MunicipalEditor, get_user_model().groups.through]


def _counts():
    return {model._meta.label: model.objects.count() for model in TABLES}


def _add(*args):
    out = io.StringIO()
    call_command("add_municipality", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("dortmund-redaktion", "d@example.org", "x")


def test_migrate_sets_up_global_page_and_folder_permissions():
    iqz = Group.objects.get(name=roles.IQZ_GROUP)
    GlobalPagePermission.objects.all().delete()
    FolderPermission.objects.filter(folder=None).delete()
    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate runs all the same
    permission = GlobalPagePermission.objects.get()
    assert permission.group == iqz
    assert (permission.can_change, permission.can_publish, permission.can_move_page,
            permission.can_change_permissions) == (True, True, True, False)
    assert FolderPermission.objects.get(folder=None, group=iqz).can_edit == FolderPermission.ALLOW
    municipal = FolderPermission.objects.get(folder=None, group__name=roles.MUNICIPAL_GROUP)
    assert (municipal.can_read, municipal.can_edit) == (FolderPermission.ALLOW, None)
    assert Folder.objects.filter(name=onboarding.MEDIA_FOLDER_ROOT, parent=None).exists()


def test_setup_after_migrate_is_idempotent():
    before = _counts()
    onboarding.portal_setup()
    call_command("migrate", verbosity=0)
    assert _counts() == before


def test_add_municipality_publishes_its_page_in_both_languages(client, editor):
    out = _add("dortmund", "--editor", editor.username)
    assert "/kommunen/dortmund/" in out
    page = Page.objects.get(reverse_id="kommune-dortmund")
    assert page.parent.reverse_id == onboarding.MUNICIPALITIES_PAGE
    for language, path in (("de", "/kommunen/dortmund/"), ("en", "/en/municipalities/dortmund/")):
        content = PageContent.admin_manager.get(page=page, language=language)
        assert Version.objects.get_for_content(content).state == PUBLISHED
        response = client.get(path)
        assert response.status_code == 200
        assert "Dortmund" in response.content.decode()


def test_add_municipality_makes_the_editors_its_kommunale_redaktion(editor):
    _add("dortmund", "--editor", editor.username)
    editor.refresh_from_db()
    dortmund = Page.objects.get(reverse_id="kommune-dortmund")
    assert editor.is_staff and editor.groups.filter(name=roles.MUNICIPAL_GROUP).exists()
    assert editor.municipal_editor.municipality.slug == "dortmund"
    # Dortmund needs review before publishing (the default): its editors change pages, the IQZ publishes.
    assert user_can_change_page(editor, dortmund) and not user_can_publish_page(editor, dortmund)
    assert not user_can_change_page(editor, Page.objects.get(reverse_id="kommune-bochum"))
    assert not user_can_change_page(editor, Page.objects.get(reverse_id=onboarding.MUNICIPALITIES_PAGE))
    folder = Folder.objects.get(name="Dortmund", parent__name=onboarding.MEDIA_FOLDER_ROOT, parent__parent=None)
    assert folder.has_edit_permission(_request(editor))
    assert not Folder.objects.get(name="Bochum").has_edit_permission(_request(editor))


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_add_municipality_twice_changes_nothing(editor):
    _add("dortmund", "--editor", editor.username)
    first = _counts()
    _add("dortmund", "--editor", editor.username)
    onboarding.municipality_onboard(municipality=Municipality.objects.get(slug="dortmund"), editors=[editor])
    assert _counts() == first


def test_add_municipality_without_editors_and_with_new_ones():
    _add("muenster")
    assert PageContent.objects.filter(page__reverse_id="kommune-muenster").count() == 2
    assert "angelegt" in _add("muenster", "--editor", "neu-muenster", "--create-editors")
    user = get_user_model().objects.get(username="neu-muenster")
    assert not user.has_usable_password()
    assert user.municipal_editor.municipality.slug == "muenster"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nirgendwo"], "Keine Kommune"),
        (["bochu"], "Ähnlich: bocholt, bochum"),
        (["dortmund", "--editor", "gibt-es-nicht"], "Unbekannte Benutzer: gibt-es-nicht"),
        # An editor of one city cannot become another's.
        (["dortmund", "--editor", "bochum"], "schon zur Kommunalen Redaktion von Bochum"),
    ],
)
def test_add_municipality_refuses_bad_input_with_a_clear_message(args, message):
    before = _counts()
    with pytest.raises(CommandError, match=message):
        _add(*args)
    assert _counts() == before


def test_add_municipality_needs_a_superuser_to_publish(editor):
    get_user_model().objects.filter(is_superuser=True).update(is_superuser=False)
    with pytest.raises(CommandError, match="createsuperuser"):
        _add("dortmund", "--editor", editor.username)
