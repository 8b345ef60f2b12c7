"""A profile form that fails validation keeps the uploaded photo: the editor does not upload it again."""

import re

import pytest
from django.urls import reverse

from managers.models import FamilyManager

from .factories import png_upload
from .test_admin import _form_data

pytestmark = pytest.mark.django_db


def test_photo_survives_a_missing_alt_text(client, user_by_name):
    client.force_login(user_by_name("bochum"))
    url = reverse("admin:managers_familymanager_add")
    data = _form_data(None, name="Mit Foto", slug="mit-foto-spaeter", photo_alt="")
    data["photo"] = png_upload()
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "photo_alt" in form.errors and "photo" not in form.errors
    html = response.content.decode()
    [token] = re.findall(r'<input type="hidden" name="photo_pending" value="([^"]+)"', html)
    assert "wird beim Speichern übernommen" in html
    assert form["name"].value() == "Mit Foto"  # what was typed stays

    # second post: alt text added, no file sent again
    data = _form_data(None, name="Mit Foto", slug="mit-foto-spaeter", photo_alt="Porträt")
    data["photo_pending"] = token
    assert client.post(url, data).status_code == 302
    profile = FamilyManager.objects.get(slug="mit-foto-spaeter")
    assert profile.photo and profile.photo.name.startswith("familienmanager/")
    assert profile.photo.read() == png_upload().read()


def test_a_forged_pending_name_is_ignored(client, user_by_name):
    client.force_login(user_by_name("iqz"))
    data = _form_data(None, name="Ohne Foto", slug="ohne-foto-x", photo_alt="")
    data["photo_pending"] = "familienmanager/berta.jpg"
    assert client.post(reverse("admin:managers_familymanager_add"), data).status_code == 302
    assert not FamilyManager.objects.get(slug="ohne-foto-x").photo


def test_the_daily_job_deletes_pending_uploads_older_than_a_day():
    from datetime import timedelta

    import time_machine
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from familie_portal.tasks import SCHEDULED_JOBS, delete_pending_uploads
    from managers.forms import PENDING_DIR

    assert delete_pending_uploads in SCHEDULED_JOBS["daily"]
    name = default_storage.save(f"{PENDING_DIR}/abc-foto.png", ContentFile(b"png"))
    profile_photo = default_storage.save("familienmanager/bleibt.png", ContentFile(b"png"))
    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        assert delete_pending_uploads.call() == 0  # an editor may still save the form
    assert default_storage.exists(name)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert delete_pending_uploads.call() >= 1  # (and any left by the tests before)
    assert not default_storage.exists(name)
    assert default_storage.exists(profile_photo)  # only the pending folder
    default_storage.delete(profile_photo)
