"""
Withdrawn consent, deletion and "Personenbezogene Daten entfernen" take effect at once, for every role
(a municipal editor whose city needs review, the IQZ, a superuser), without review or draft: an anonymous
visitor no longer finds the person anywhere (directory, map, GeoJSON, profile, search, sitemap), through
the portal's caches, within the next request; the photo and its thumbnails are gone from the storage; the
history keeps no copy a restore could bring back. (The object store: test_consent_object_store.py.)
"""

import json
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from easy_thumbnails.files import get_thumbnailer
from reversion.models import Version

from familie_portal import drafts
from familie_portal.models import SearchDocument
from managers.models import FamilyManager, Municipality

from .factories import FamilyManagerFactory, png_upload
from .test_admin import _form_data

pytestmark = pytest.mark.django_db

NAME = "Wilma Widerspruch"
EMAIL = "wilma.widerspruch@example.org"
ROLES = ["bochum", "iqz", "admin"]


@pytest.fixture
def profile(portal_caches):
    """A published Bochum profile with photo (and a thumbnail on the storage) and published contact data,
    saved through the admin once so that the history holds a version with all of it."""
    bochum = Municipality.objects.get(ags="05911000")
    assert bochum.review_required, "the demo's Bochum needs review: its editors publish nothing alone"
    person = FamilyManagerFactory(
        name=NAME, slug="wilma-widerspruch", municipalities=[bochum], photo=png_upload("wilma.png"),
        photo_alt="Porträt", email=EMAIL, show_email=True, phone="0234 123456", show_phone=True,
    )
    client = Client()
    client.force_login(_user("iqz"))
    data = _form_data(person, status="published", photo_alt="Porträt", email=EMAIL, show_email="on",
                      phone="0234 123456", show_phone="on", _publish_now="1")
    assert client.post(_change_url(person), data).status_code == 302
    person.refresh_from_db()
    assert person.photo and Version.objects.get_for_object(person).exists()
    return person


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _change_url(profile):
    return reverse("admin:managers_familymanager_change", args=[profile.pk])


def _files(profile) -> list[str]:
    """The photo and every file named after it (thumbnails) on the storage."""
    directory, name = profile.photo.name.rsplit("/", 1)
    return [f"{directory}/{file}" for file in default_storage.listdir(directory)[1] if file.startswith(name)]


def _public_places(visitor) -> dict[str, str]:
    """What an anonymous visitor gets at every public place the person appears (through the caches)."""
    pages = {
        "directory": reverse("managers:list") + "?q=Widerspruch",
        "municipality": reverse("managers:municipality", kwargs={"slug": "bochum"}),
        "map": reverse("managers:map"),
        "geojson": reverse("managers:geojson"),
        "search": reverse("search") + "?q=Widerspruch",
        "sitemap": "/sitemap-familienmanager.xml",
    }
    return {name: visitor.get(url).content.decode() for name, url in pages.items()}


def _bochum_count(places) -> int:
    features = json.loads(places["geojson"])["features"]
    return next(f["properties"]["count"] for f in features if f["properties"]["ags"] == "05911000")


def _assert_public(profile, visitor):
    places = _public_places(visitor)
    for name in ("directory", "municipality", "search"):
        assert NAME in places[name], name
    assert profile.get_absolute_url() in places["sitemap"]
    response = visitor.get(profile.get_absolute_url())
    assert response.status_code == 200 and EMAIL in response.content.decode()
    assert "manager-profile__photo" in response.content.decode()
    return places


def _assert_gone(profile, visitor, before):
    places = _public_places(visitor)
    for name in ("directory", "municipality", "search", "map"):
        assert NAME not in places[name], name
    assert profile.get_absolute_url() not in places["sitemap"]
    assert _bochum_count(places) == _bochum_count(before) - 1
    assert f"Bochum: {_bochum_count(before)} Familienmanager" in before["map"]
    assert f"Bochum: {_bochum_count(before) - 1} Familienmanager" in places["map"]
    assert visitor.get(profile.get_absolute_url()).status_code == 404
    assert not SearchDocument.objects.filter(title=NAME).exists()


def _assert_no_personal_data_left(profile, photo_files):
    profile.refresh_from_db()
    assert not profile.photo and not profile.photo_alt
    assert (profile.email, profile.phone, profile.address) == ("", "", "")
    assert not (profile.consent_to_publication or profile.show_email or profile.show_phone)
    assert profile.status == FamilyManager.Status.DRAFT
    assert photo_files and not any(default_storage.exists(name) for name in photo_files)
    assert not FamilyManager.objects.filter(draft_of=profile).exists()
    for version in Version.objects.get_for_object(profile):
        assert EMAIL not in version.serialized_data and "0234 123456" not in version.serialized_data
        assert "familienmanager/" not in version.serialized_data
        assert version.field_dict["consent_to_publication"] is False


def _prepared(profile, visitor):
    """The visitor has seen everything once (caches filled, thumbnail made); the photo's files."""
    before = _assert_public(profile, visitor)
    get_thumbnailer(profile.photo).get_thumbnail({"size": (240, 240), "crop": True})
    files = _files(profile)
    assert len(files) >= 2, files
    return before, files


@pytest.mark.parametrize("username", ROLES)
def test_unticking_consent_takes_the_profile_offline_at_once(
        profile, username, django_capture_on_commit_callbacks):
    visitor, editor = Client(), Client()
    before, files = _prepared(profile, visitor)
    # A draft waits (e.g. an earlier edit of the city): it must not bring the person back.
    drafts.copy_to_draft(FamilyManager.objects.get(pk=profile.pk))
    editor.force_login(_user(username))
    form = editor.get(_change_url(profile), follow=True)
    assert "Das Profil geht beim Speichern sofort offline, ohne Prüfung" in form.content.decode(), "said before"

    data = _form_data(profile, status="published", photo_alt="Porträt", email=EMAIL, show_email="on")
    del data["consent_to_publication"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(_change_url(profile), data, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("Das Profil ist jetzt offline" in message for message in messages), messages
    assert not any("Entwurf gespeichert" in message for message in messages)

    _assert_gone(profile, visitor, before)
    _assert_no_personal_data_left(profile, files)


def test_unticking_consent_in_the_draft_of_a_published_profile_keeps_the_edits(
        profile, django_capture_on_commit_callbacks):
    visitor, editor = Client(), Client()
    before, files = _prepared(profile, visitor)
    draft = drafts.copy_to_draft(FamilyManager.objects.get(pk=profile.pk))
    editor.force_login(_user("bochum"))
    assert editor.get(_change_url(profile)).url == _change_url(draft), "the city edits the draft"
    data = _form_data(draft, role="Neue Funktion", photo_alt="Porträt", email=EMAIL)
    del data["consent_to_publication"], data["status"], data["slug"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(_change_url(draft), data)
    assert response.status_code == 302 and response.url == _change_url(profile)
    _assert_gone(profile, visitor, before)
    _assert_no_personal_data_left(profile, files)
    assert profile.role == "Neue Funktion"
    assert not FamilyManager.objects.filter(pk=draft.pk).exists()
    assert not Version.objects.filter(object_id=str(draft.pk), content_type__model="familymanager").filter(
        serialized_data__contains=EMAIL).exists()


@pytest.mark.parametrize("username", ROLES)
def test_remove_personal_data_action(profile, username, django_capture_on_commit_callbacks):
    visitor, editor = Client(), Client()
    before, files = _prepared(profile, visitor)
    editor.force_login(_user(username))
    url = reverse("admin:managers_familymanager_changelist")
    action = {"action": "remove_personal_data", "_selected_action": [profile.pk]}
    confirm = editor.post(url, action)
    assert confirm.status_code == 200 and NAME in confirm.content.decode()
    assert "lässt sich nicht rückgängig machen" in confirm.content.decode()
    assert FamilyManager.objects.public().filter(pk=profile.pk).exists(), "nothing happens before the confirmation"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {**action, "post": "yes"}, follow=True)
    assert "ist jetzt offline" in response.content.decode()
    _assert_gone(profile, visitor, before)
    _assert_no_personal_data_left(profile, files)


@pytest.mark.parametrize("username", ROLES)
def test_deleting_a_published_profile_takes_effect_at_once(profile, username, django_capture_on_commit_callbacks):
    visitor, editor = Client(), Client()
    before, files = _prepared(profile, visitor)
    editor.force_login(_user(username))
    url = reverse("admin:managers_familymanager_delete", args=[profile.pk])
    assert editor.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(url, {"post": "yes"}).status_code == 302
    assert not FamilyManager.objects.filter(pk=profile.pk).exists()
    _assert_gone(profile, visitor, before)
    assert not any(default_storage.exists(name) for name in files)
    for version in Version.objects.get_deleted(FamilyManager).filter(object_id=str(profile.pk)):
        assert EMAIL not in version.serialized_data and "familienmanager/" not in version.serialized_data


def test_restoring_an_old_version_after_the_withdrawal_publishes_nothing(
        profile, client, django_capture_on_commit_callbacks):
    old = Version.objects.get_for_object(profile).last()  # the published version with photo and e-mail
    editor = Client()
    editor.force_login(_user("bochum"))
    data = _form_data(profile, status="published", photo_alt="Porträt")
    del data["consent_to_publication"]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(_change_url(profile), data).status_code == 302

    iqz = Client()
    iqz.force_login(_user("iqz"))
    url = reverse("admin:managers_familymanager_revision", args=[profile.pk, old.pk])
    form = iqz.get(url)
    assert form.status_code == 200 and EMAIL not in form.content.decode()
    initial = form.context["adminform"].form.initial
    assert not (initial["consent_to_publication"] or initial["email"] or initial["photo"])
    restored = _form_data(profile, email=initial["email"], photo_alt=initial["photo_alt"], status=initial["status"])
    del restored["consent_to_publication"]
    with django_capture_on_commit_callbacks(execute=True):
        response = iqz.post(url, restored)
    assert response.status_code in (200, 302)
    profile.refresh_from_db()
    assert not profile.photo and not profile.email and not profile.consent_to_publication
    assert not FamilyManager.objects.public().filter(pk=profile.pk).exists()
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_a_scrubbed_version_restores_without_photo_or_consent(profile, django_capture_on_commit_callbacks):
    """django-reversion's own revert (what any restore path does): the person does not come back."""
    old = Version.objects.get_for_object(profile).last()
    from managers.services import family_manager_withdraw_consent

    with django_capture_on_commit_callbacks(execute=True):
        family_manager_withdraw_consent(profile=profile, user=_user("iqz"))
    Version.objects.get(pk=old.pk).revision.revert()
    profile.refresh_from_db()
    assert not profile.photo and not profile.email and not profile.consent_to_publication
    assert not FamilyManager.objects.public().filter(pk=profile.pk).exists()


def test_an_unchanged_consent_still_drafts_for_a_city_that_needs_review(profile):
    """The bypass is for the withdrawal only: any other edit of the city stays a draft."""
    editor = Client()
    editor.force_login(_user("bochum"))
    data = _form_data(profile, role="Nur eine Änderung", photo_alt="Porträt", email=EMAIL)
    del data["status"]
    assert editor.post(_change_url(profile), data).status_code == 302
    profile.refresh_from_db()
    assert profile.role != "Nur eine Änderung" and FamilyManager.objects.public().filter(pk=profile.pk).exists()
    assert FamilyManager.objects.get(draft_of=profile).role == "Nur eine Änderung"


def test_the_photo_url_is_not_in_any_page_after_the_withdrawal(profile, django_capture_on_commit_callbacks):
    visitor = Client()
    html = visitor.get(profile.get_absolute_url()).content.decode()
    photo = re.search(r'class="manager-profile__photo" src="([^"]+)"', html).group(1)
    editor = Client()
    editor.force_login(_user("bochum"))
    data = _form_data(profile, photo_alt="Porträt")
    del data["consent_to_publication"], data["status"]
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(_change_url(profile), data)
    for html in _public_places(visitor).values():
        assert photo not in html
    assert not default_storage.exists(photo.removeprefix("/media/"))
