"""
Withdrawn consent, deletion and "Personenbezogene Daten entfernen" with the media in an S3-compatible bucket
(django-storages; moto's server, tests.quality.support.S3Server, as tests/quality/test_scale_out.py runs it):
the photo and every thumbnail are gone from the bucket once the saving request commits, and their URLs no
longer answer 200, for every role; photos are stored to be revalidated on every use (familie_portal.storage).
(The file system and every public place: test_consent.py; nginx: test_consent_proxy.py.)

Starts a server: serial group.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from easy_thumbnails.files import get_thumbnailer

from managers.models import FamilyManager, Municipality
from tests.quality.support import S3Server, get

from .factories import FamilyManagerFactory, png_upload
from .test_admin import _form_data

pytestmark = [pytest.mark.serial, pytest.mark.django_db]


@pytest.fixture(scope="module")
def s3():
    server = S3Server(bucket="familie-portal-consent")
    yield server
    server.stop()


@pytest.fixture
def bucket(s3, settings):
    """The media storage is the bucket for this test (as PORTAL_MEDIA_S3_BUCKET configures it)."""
    media = {"BACKEND": "familie_portal.storage.MediaStorage", "OPTIONS": {
        "bucket_name": s3.bucket, "endpoint_url": s3.endpoint, "region_name": "us-east-1",
        "access_key": "portal-test", "secret_key": "portal-test-secret", "addressing_style": "path",
        "querystring_auth": False, "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=604800"}}}
    settings.STORAGES = {**settings.STORAGES, "default": media}
    return s3


@pytest.fixture
def profile(bucket):
    person = FamilyManagerFactory(
        name="Olga Objektspeicher", slug="olga-objektspeicher", photo=png_upload("olga.png", width=300, height=300),
        photo_alt="Porträt", email="olga@example.org", show_email=True,
        municipalities=[Municipality.objects.get(ags="05911000")],
    )
    assert person.photo.name in bucket.objects()
    return person


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _photo_urls(profile, bucket) -> list[str]:
    """The photo's and its thumbnail's URLs, as the public profile page and the storage name them."""
    get_thumbnailer(profile.photo).get_thumbnail({"size": (120, 120), "crop": True})
    html = Client().get(profile.get_absolute_url()).content.decode()
    shown = re.search(r'class="manager-profile__photo" src="([^"]+)"', html).group(1)
    assert shown.startswith(f"{bucket.endpoint}/{bucket.bucket}/familienmanager/")
    urls = [profile.photo.url, shown]
    assert all(get(url)[0] == 200 for url in urls)
    keys = [key for key in bucket.objects() if key.startswith(profile.photo.name)]
    assert len(keys) >= 3, keys  # the photo, the page's thumbnail, the one made here
    return urls, keys


def _assert_gone(profile, bucket, urls, keys):
    left = sorted(set(keys) & bucket.objects())
    assert not left, f"left in the bucket: {left}"
    assert all(get(url)[0] != 200 for url in urls)
    assert not FamilyManager.objects.public().filter(slug="olga-objektspeicher").exists()


@pytest.mark.parametrize("username", ["bochum", "iqz", "admin"])
def test_withdrawn_consent_removes_the_photo_from_the_bucket(profile, bucket, username,
                                                             django_capture_on_commit_callbacks):
    urls, keys = _photo_urls(profile, bucket)
    editor = Client()
    editor.force_login(_user(username))
    data = _form_data(profile, status="published", photo_alt="Porträt", email="olga@example.org")
    del data["consent_to_publication"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("admin:managers_familymanager_change", args=[profile.pk]), data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.photo
    _assert_gone(profile, bucket, urls, keys)


def test_remove_personal_data_removes_the_photo_from_the_bucket(profile, bucket, django_capture_on_commit_callbacks):
    urls, keys = _photo_urls(profile, bucket)
    editor = Client()
    editor.force_login(_user("bochum"))
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("admin:managers_familymanager_changelist"),
                    {"action": "remove_personal_data", "_selected_action": [profile.pk], "post": "yes"})
    profile.refresh_from_db()
    assert not profile.photo
    _assert_gone(profile, bucket, urls, keys)


def test_deleting_the_profile_removes_the_photo_from_the_bucket(profile, bucket, django_capture_on_commit_callbacks):
    urls, keys = _photo_urls(profile, bucket)
    editor = Client()
    editor.force_login(_user("bochum"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("admin:managers_familymanager_delete", args=[profile.pk]), {"post": "yes"})
    assert response.status_code == 302
    _assert_gone(profile, bucket, urls, keys)


def test_photos_are_revalidated_other_media_kept_a_week(profile, bucket):
    """No cache in front of the bucket (a CDN) or in a browser keeps a photo a withdrawal deleted."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    _photo_urls(profile, bucket)
    client = bucket.client()
    for key in (key for key in bucket.objects() if key.startswith(profile.photo.name)):
        assert client.head_object(Bucket=bucket.bucket, Key=key)["CacheControl"] == "no-cache", key
    other = default_storage.save("filer_public/anderes.pdf", ContentFile(b"%PDF-1.4"))
    assert client.head_object(Bucket=bucket.bucket, Key=other)["CacheControl"] == "public, max-age=604800"
    default_storage.delete(other)
