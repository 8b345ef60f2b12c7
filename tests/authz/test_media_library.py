"""
Authorization matrix of the media library (django-filer with folder permissions): roles ×
folders/files × what the file browser can do.

Every editor may read (choose) every file; each city's editors change only their folder
"Kommunen/<city>" and what is in it; the IQZ-Redaktion and the superuser change everything.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from filer.models import File, Folder, Image
from PIL import Image as PILImage

from .support import ROLES, admin_form_data, client_as, redirects_to_login

pytestmark = pytest.mark.django_db

# A subfolder of each owner's folder (the city folders themselves carry the permission rows).
FOLDERS = {
    "bochum": ("Kommunen", "Bochum", "Fotos"),
    "gelsenkirchen": ("Kommunen", "Gelsenkirchen", "Fotos"),
    "iqz": ("Werkstattreihe", "Fotos"),
}
EDITS = {"bochum": {"bochum"}, "gelsenkirchen": {"gelsenkirchen"}, "iqz": set(FOLDERS), "admin": set(FOLDERS)}


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _folder(path) -> Folder:
    parent = None
    for name in path:
        parent, _ = Folder.objects.get_or_create(name=name, parent=parent)
    return parent


@pytest.fixture
def media():
    """One folder and one image per owner (no owner set: the folder permissions alone decide)."""
    items = {}
    for key, path in FOLDERS.items():
        folder = _folder(path)
        image = Image.objects.create(folder=folder, original_filename=f"{key}.png", name=f"Bild {key}",
                                     file=ContentFile(_png(), name=f"{key}.png"))
        items[key] = (folder, image)
    return items


CASES = [(role, key) for role in ROLES for key in FOLDERS]
IDS = [f"{role}-{key}" for role, key in CASES]


def _may_edit(role, key):
    return key in EDITS[role]


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_every_editor_reads_every_folder_and_file(media, role, key):
    folder, image = media[key]
    client = client_as(role)
    listing = client.get(reverse("admin:filer-directory_listing", args=[folder.pk]))
    assert listing.status_code == 200
    assert image.original_filename in listing.content.decode()
    change = client.get(reverse("admin:filer_image_change", args=[image.pk]))
    assert change.status_code == 200
    assert ('name="_save"' in change.content.decode()) is _may_edit(role, key)


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_change_file(media, role, key):
    _, image = media[key]
    url = reverse("admin:filer_image_change", args=[image.pk])
    response = client_as(role).post(url, admin_form_data(url, name="Umbenannt"))
    image.refresh_from_db()
    if _may_edit(role, key):
        assert response.status_code == 302
        assert image.name == "Umbenannt"
    else:
        assert response.status_code == 403
        assert image.name == f"Bild {key}"


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_delete_file(media, role, key):
    _, image = media[key]
    url = reverse("admin:filer_image_delete", args=[image.pk])
    client = client_as(role)
    confirmation, response = client.get(url), client.post(url, {"post": "yes"})
    exists = File.objects.filter(pk=image.pk).exists()
    if _may_edit(role, key):
        assert confirmation.status_code == 200
        assert response.status_code == 302
        assert not exists
    else:
        assert confirmation.status_code == 403
        assert response.status_code == 403
        assert exists


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_rename_and_delete_folder(media, role, key):
    folder, _ = media[key]
    client = client_as(role)
    change = reverse("admin:filer_folder_change", args=[folder.pk])
    renamed = client.post(change, admin_form_data(change, name=f"{folder.name} neu"))
    delete = client.post(reverse("admin:filer_folder_delete", args=[folder.pk]), {"post": "yes"})
    if _may_edit(role, key):
        assert renamed.status_code == 302
        assert delete.status_code == 302
        assert not Folder.objects.filter(pk=folder.pk).exists()
    else:
        assert renamed.status_code == 403
        assert delete.status_code == 403
        folder.refresh_from_db()
        assert folder.name == FOLDERS[key][-1]


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_bulk_delete_in_the_file_browser(media, role, key):
    folder, image = media[key]
    url = reverse("admin:filer-directory_listing", args=[folder.pk])
    data = {"action": "delete_files_or_folders", "_selected_action": [f"file-{image.pk}"], "post": "yes"}
    response = client_as(role).post(url, data)
    exists = File.objects.filter(pk=image.pk).exists()
    if _may_edit(role, key):
        assert response.status_code == 302
        assert not exists
    else:
        assert response.status_code == 403
        assert exists


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_upload_and_new_subfolder(media, role, key):
    folder, _ = media[key]
    client = client_as(role)
    files_before = File.objects.filter(folder=folder).count()
    upload = client.post(reverse("admin:filer-ajax_upload", kwargs={"folder_id": folder.pk}),
                         {"file": SimpleUploadedFile("neu.png", _png(), content_type="image/png")})
    client.post(reverse("admin:filer-directory_listing-make_folder", args=[folder.pk]), {"name": "Unterordner"})
    uploaded = File.objects.filter(folder=folder).count() > files_before
    created = Folder.objects.filter(parent=folder, name="Unterordner").exists()
    if _may_edit(role, key):
        assert upload.status_code == 200
        assert uploaded and created
    else:
        assert not uploaded and not created


@pytest.mark.parametrize("role", ROLES)
def test_only_the_superuser_removes_a_city_folder_with_its_permissions(role):
    """Deleting "Kommunen/Bochum" would delete the folder permission on it: that takes the superuser."""
    folder = _folder(("Kommunen", "Bochum"))
    response = client_as(role).post(reverse("admin:filer_folder_delete", args=[folder.pk]), {"post": "yes"})
    assert Folder.objects.filter(pk=folder.pk).exists() is (role != "admin")
    assert response.status_code == (302 if role == "admin" else 403)


@pytest.mark.parametrize("url_name", ["filer-directory_listing", "filer_folder_change", "filer_folder_delete"])
def test_anonymous_is_sent_to_login(client, media, url_name):
    folder, _ = media["bochum"]
    assert redirects_to_login(client.get(reverse(f"admin:{url_name}", args=[folder.pk])))
