"""
A withdrawn person's photo through nginx as deployed (deploy/nginx/familie_portal.conf, file-system media):
served with Cache-Control: no-cache (revalidated on every use, so no browser keeps it a week), and answering
404 at the next request after the withdrawal. On the bucket, familie_portal.storage sets the same header
(test_consent_object_store.py). Starts nginx: serial group; skips without nginx or openssl
(tests.quality.support.program).
"""

import ssl
import subprocess
import urllib.error
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse
from easy_thumbnails.files import get_thumbnailer

from managers.models import Municipality
from tests.quality.support import HOST, Nginx, free_port, program

from .factories import FamilyManagerFactory, png_upload
from .test_admin import _form_data

pytestmark = [pytest.mark.serial, pytest.mark.django_db]


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    from django.conf import settings

    program("openssl")
    tmp = tmp_path_factory.mktemp("consent-proxy")
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"],
                   check=True, capture_output=True, timeout=60)
    (tmp / "static").mkdir()
    nginx = Nginx(tmp / "nginx", upstreams=[free_port()], static_root=tmp / "static",
                  media_root=settings.MEDIA_ROOT, cert=cert, key=key)
    context = ssl.create_default_context(cafile=str(cert))
    yield nginx, context
    nginx.stop()


def _get(proxy, path: str) -> tuple[int, dict]:
    nginx, context = proxy
    request = urllib.request.Request(nginx.origin + path, headers={"User-Agent": "familie-portal-tests"})  # noqa: S310
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_photo_is_revalidated_and_gone_at_the_next_request(proxy, django_capture_on_commit_callbacks):
    profile = FamilyManagerFactory(name="Nora Nginx", slug="nora-nginx", photo=png_upload("nora.png"),
                                   photo_alt="Porträt", municipalities=[Municipality.objects.get(ags="05911000")])
    thumbnail = get_thumbnailer(profile.photo).get_thumbnail({"size": (120, 120), "crop": True})
    paths = [profile.photo.url, thumbnail.url]
    for path in paths:
        status, headers = _get(proxy, path)
        assert status == 200 and headers["Cache-Control"] == "no-cache", (path, headers)
        assert headers["X-Content-Type-Options"] == "nosniff" and "sandbox" in headers["Content-Security-Policy"]
    assert _get(proxy, "/media/anderes/bild.png")[0] == 404  # the rest of /media/ as before

    editor = Client()
    from django.contrib.auth import get_user_model

    editor.force_login(get_user_model().objects.get(username="bochum"))
    data = _form_data(profile, status="published", photo_alt="Porträt")
    del data["consent_to_publication"]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(reverse("admin:managers_familymanager_change", args=[profile.pk]), data).status_code == 302
    assert [_get(proxy, path)[0] for path in paths] == [404, 404]
