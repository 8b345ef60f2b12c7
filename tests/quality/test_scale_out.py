"""
Scale-out as deployed (README "Deployment"): nginx with deploy/nginx/familie_portal.conf in front of two
gunicorn servers with the production settings, one PostgreSQL (the test database), one Redis as the
shared cache, the media in an S3-compatible bucket (moto's server, support.S3Server). TLS with a
throwaway self-signed certificate.

- A publish on one server is visible through the proxy, and on both servers, at once; the servers
  really share the cache (a change behind the portal's back is not shown by the other server).
- Redis stopped under load: every request still answers (misses render), no 500; an edit made during
  the outage is saved and visible afterwards; once Redis is back the cache is used again within seconds.
- Media on the object store: the demo's files moved into the bucket (scripts/media_bucket.py), uploads
  through the media library and the profile form, thumbnails, a download block's file replaced, files
  deleted: all in the bucket and served from it.
- The proxy's microcache (PORTAL_PROXY_CACHE_SECONDS=1, a third server): anonymous visitors get the
  proxy's copy, editors never; a publish shows through it within about a second.

Needs nginx, redis-server and openssl (scripts/ensure-services.sh installs them as root): skips loudly
without them, fails under CI=true. Starts servers and changes committed data: serial group.
"""

import http.cookiejar
import os
import re
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.quality.support import HOST, ROOT, Nginx, RedisServer, S3Server, Server, database_url, program

pytestmark = [pytest.mark.serial, pytest.mark.django_db]

SLUG = "werkstatt-familienfreundliche-arbeitgeberin-kommune"  # a draft event of the demo content
TITLE = "Die Kommune als familienfreundliche Arbeitgeberin"
OUTAGE_TITLE = "Während der Redis-Pause bearbeitet"
LIST = "/veranstaltungen/"
DETAIL = f"/veranstaltungen/{SLUG}/"
LOAD_PATHS = ["/", LIST, "/impressum/", "/en/", "/werkstattreihe/", "/kontakt/"]
# Every request renders while Redis is away (about 0.1-0.5 s each on a busy 2-core machine); the bound
# catches requests that wait for the cache instead (connect timeouts, retries).
LOAD_REQUESTS = 80
LOAD_SECONDS = 60
# A superuser of this test (the demo logins' password hashes are the test settings' MD5).
EDITOR, EDITOR_PASSWORD = "stack-editor", "stack-editor-Pw-2026!"


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **env},
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class Visitor:
    """A browser through the proxy (HTTPS, trusting the throwaway certificate, with its own cookies)."""

    def __init__(self, origin: str, cert):
        self.origin = origin
        context = ssl.create_default_context(cafile=str(cert))
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(self.cookies),
            _NoRedirect(),
        )

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"User-Agent": "familie-portal-tests", **(headers or {})}
        if body is not None:
            headers["Origin"] = f"https://{HOST}"
        request = urllib.request.Request(self.origin + path, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def login(self, username: str, password: str):
        status, _, _ = self.request("/admin/login/")
        assert status == 200
        status, headers, body = self.request(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf(), "next": "/admin/"},
        )
        assert status == 302, body[:2000]

    def bulk_action(self, action: str, pk: int):
        status, _, body = self.request("/admin/events/event/", {
            "action": action, "_selected_action": [str(pk)], "csrfmiddlewaretoken": self.csrf(),
        })
        assert status == 302, body[:2000]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _direct(server: Server, path: str) -> tuple[int, str]:
    """A server asked directly, with the headers nginx sets (as the proxy's upstream sees it)."""
    request = urllib.request.Request(server.url + path, headers={  # noqa: S310 (local server)
        "Host": HOST, "X-Forwarded-Proto": "https", "User-Agent": "familie-portal-tests"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (local server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _set_event(env: dict, *, status: str, title: str = TITLE, with_signals: bool = True) -> None:
    """Change the event in a third process: save() as the admin does, or raw SQL behind the portal's back."""
    if with_signals:
        code = (f"from events.models import Event; e = Event.objects.get(slug={SLUG!r}); "
                f"e.status = {status!r}; e.title_de = {title!r}; e.save()")
    else:
        code = ("from django.db import connection; connection.cursor().execute("  # noqa: S608 (constants)
                "'UPDATE events_event SET status = %s, title_de = %s WHERE slug = %s', "
                f"[{status!r}, {title!r}, {SLUG!r}])")
    _manage(env, "shell", "-c", code)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    program("openssl")
    tmp = tmp_path_factory.mktemp("tls")
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"],
        check=True, capture_output=True, timeout=60,
    )
    return key, cert


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, certificate, tmp_path_factory):
    """The README's deployment, step by step, on free ports."""
    program("nginx")
    tmp = tmp_path_factory.mktemp("stack")
    key, cert = certificate
    with django_db_blocker.unblock():
        db_url = database_url()
    redis, s3 = RedisServer(), S3Server()
    env = {
        "DJANGO_SETTINGS_MODULE": "familie_portal.settings.production",
        "SECRET_KEY": "stack-" + "s" * 50,
        "DATABASE_URL": db_url,
        "CACHE_URL": redis.url,
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PORTAL_CLIENT_IP_HEADER": "X-Real-IP",
        "CONN_MAX_AGE": "60",
        **s3.env,
    }
    (tmp / "media").mkdir()
    # The demo's uploaded files (the test process's MEDIA_ROOT) moved into the bucket, as the README says.
    from django.conf import settings

    subprocess.run([sys.executable, "scripts/media_bucket.py", "upload", str(settings.MEDIA_ROOT)], cwd=ROOT,
                   env={**os.environ, **env}, check=True, capture_output=True, timeout=120)
    _manage(env, "migrate", "--noinput", "-v0")  # a no-op on the test database, as on an upgrade without changes
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(env, "shell", "-c", "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser({EDITOR!r}, password={EDITOR_PASSWORD!r})")
    servers, nginx = [], None
    try:
        for _ in range(2):
            servers.append(Server(env=env, workers=2, settings=env["DJANGO_SETTINGS_MODULE"], ready_path="/livez"))
        nginx = Nginx(tmp, upstreams=[s.port for s in servers], static_root=tmp / "static",
                      media_root=tmp / "media", cert=cert, key=key)
        yield {"env": env, "redis": redis, "s3": s3, "servers": servers, "nginx": nginx, "cert": cert, "key": key}
    finally:
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.stop()
        redis.stop()
        s3.stop()
        _set_event(env, status="draft")  # the demo state, whatever happened
        _manage(env, "shell", "-c",
                f"from django.contrib.auth.models import User; User.objects.filter(username={EDITOR!r}).delete()")


def test_the_proxy_serves_the_portal_static_files_and_health(stack):
    visitor = Visitor(stack["nginx"].origin, stack["cert"])
    status, headers, body = visitor.request("/", headers={"X-Request-ID": "stack-test-1"})
    assert status == 200, stack["servers"][0].log()
    assert "Strict-Transport-Security" in headers and "Content-Security-Policy" in headers
    assert headers["X-Request-ID"] != "stack-test-1", "nginx sets its own id, the client's is not trusted"
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    assert headers["X-Request-ID"] in stack["nginx"].access_log(expect=headers["X-Request-ID"])
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body).group(1)
    status, headers, _ = visitor.request(css, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers.get("Content-Encoding") == "gzip"
    assert visitor.request("/readyz")[0] == 200
    assert visitor.request("/livez")[1]["Cache-Control"].startswith("max-age=0")
    # Plain HTTP: only the redirect to HTTPS.
    plain = urllib.request.Request(f"http://127.0.0.1:{stack['nginx'].http_port}/kontakt/",  # noqa: S310
                                   headers={"Host": HOST})
    try:
        urllib.request.build_opener(_NoRedirect()).open(plain, timeout=10)
        raise AssertionError("no redirect")
    except urllib.error.HTTPError as error:
        assert error.code == 301
        assert error.headers["Location"] == stack["nginx"].origin + "/kontakt/"
    # No query string and no full client address in the access log.
    request_id = visitor.request("/suche/?q=anna%40example.org")[1]["X-Request-ID"]
    log = stack["nginx"].access_log(expect=request_id)
    assert "/suche/" in log
    assert "anna" not in log and "127.0.0.1" not in log.replace('"upstream":"127.0.0.1', "")


def test_publish_on_one_server_is_visible_on_both_at_once(stack):
    a, b = stack["servers"]
    env = stack["env"]
    visitor = Visitor(stack["nginx"].origin, stack["cert"])
    for server in (a, b):
        status, html = _direct(server, LIST)
        assert status == 200, server.log()
        assert TITLE not in html

    # The page server A rendered is in Redis: B answers with that copy. Proof: a change behind the
    # portal's back (raw SQL, no invalidation) is not shown by B.
    _set_event(env, status="published", with_signals=False)
    assert TITLE not in _direct(b, LIST)[1], "server B rendered the page itself instead of using the shared cache"
    _set_event(env, status="draft", with_signals=False)

    # An editor publishes through the proxy (the admin's bulk action, on whichever server nginx picks).
    from events.models import Event

    editor = Visitor(stack["nginx"].origin, stack["cert"])
    editor.login(EDITOR, EDITOR_PASSWORD)
    editor.bulk_action("publish", Event.objects.get(slug=SLUG).pk)
    for server in (a, b):
        status, html = _direct(server, LIST)
        assert status == 200 and TITLE in html, f"stale list on {server.url} after the publish"
        assert _direct(server, DETAIL)[0] == 200
    for _ in range(4):  # round robin: both servers answer through the proxy
        status, _, html = visitor.request(LIST)
        assert status == 200 and TITLE in html
    editor.bulk_action("unpublish", Event.objects.get(slug=SLUG).pk)
    for _ in range(4):
        status, _, html = visitor.request(LIST)
        assert status == 200 and TITLE not in html


def test_redis_stopped_under_load(stack, record_property):
    import redis as redis_client

    env, redis = stack["env"], stack["redis"]
    visitor = Visitor(stack["nginx"].origin, stack["cert"])
    for path in LOAD_PATHS:
        assert visitor.request(path)[0] == 200
    client = redis_client.Redis.from_url(redis.url)
    assert client.dbsize() > 0, "the pages are cached in Redis"

    redis.stop()
    statuses: list[int] = []
    started = time.monotonic()

    def one(index: int) -> int:
        if index == LOAD_REQUESTS // 3:
            # An edit in the middle of the outage (saved by a third process through the ORM, as the admin does).
            _set_event(env, status="published", title=OUTAGE_TITLE)
        return Visitor(stack["nginx"].origin, stack["cert"]).request(LOAD_PATHS[index % len(LOAD_PATHS)])[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(one, range(LOAD_REQUESTS)))
    load_seconds = time.monotonic() - started
    record_property("outage_load_seconds", round(load_seconds, 1))
    counts = {status: statuses.count(status) for status in set(statuses)}
    print(f"\nRedis down: {LOAD_REQUESTS} requests in {load_seconds:.1f} s: {counts}")
    assert counts == {200: LOAD_REQUESTS}, stack["servers"][0].log()
    assert load_seconds < LOAD_SECONDS

    from events.models import Event

    assert Event.objects.get(slug=SLUG).title_de == OUTAGE_TITLE, "the edit is saved"
    status, _, html = visitor.request(LIST)
    assert status == 200 and OUTAGE_TITLE in html

    redis.start()
    back = time.monotonic()
    while time.monotonic() - back < 10:
        visitor.request(LIST)
        visitor.request("/")
        if client.dbsize() > 0 and any(b"portal:page:" in key for key in client.keys("*")):
            break
        time.sleep(0.1)
    reuse = time.monotonic() - back
    record_property("cache_reused_seconds", round(reuse, 2))
    print(f"Redis back: pages cached again after {reuse:.2f} s")
    assert reuse < 5, "the cache is used again within seconds"
    status, _, html = visitor.request(LIST)
    assert status == 200 and OUTAGE_TITLE in html, "the edit made during the outage is still visible"


def _post_files(visitor: Visitor, path: str, data: dict, files: dict, cert):
    """A multipart form (uploads) through the proxy with the visitor's login."""
    import requests

    return requests.post(visitor.origin + path, data={**data, "csrfmiddlewaretoken": visitor.csrf()}, files=files,
                         cookies=visitor.cookies, verify=str(cert),
                         headers={"Origin": f"https://{HOST}", "User-Agent": "familie-portal-tests"},
                         allow_redirects=False, timeout=60)


def _bucket_url(s3: S3Server, html: str, prefix: str) -> str:
    base = f"{s3.endpoint}/{s3.bucket}/"
    match = re.search(re.escape(base + prefix) + r'[^"\s]+', html)
    assert match, f"no {prefix} URL of the bucket in the page"
    return match.group(0)


def _from_bucket(url: str) -> tuple[int, str, bytes]:
    from tests.quality.support import get

    status, headers, body = get(url)
    return status, {k.lower(): v for k, v in headers.items()}.get("content-type", ""), body


def test_media_on_the_object_store(stack):
    from django.urls import reverse
    from filer.models import File

    from managers.models import FamilyManager, Municipality
    from tests.managers.factories import png_bytes

    s3, cert = stack["s3"], stack["cert"]
    bucket = f"{s3.endpoint}/{s3.bucket}/"
    visitor = Visitor(stack["nginx"].origin, cert)
    editor = Visitor(stack["nginx"].origin, cert)
    editor.login(EDITOR, EDITOR_PASSWORD)

    # The demo's files, moved into the bucket: a download block's PDF and an image block's thumbnails
    # (made by an app server from the original in the bucket, stored there), allowed by the page's CSP.
    status, headers, html = visitor.request("/kommunen/bochum/")
    assert status == 200
    assert s3.endpoint in headers["Content-Security-Policy"].split("img-src", 1)[1].split(";")[0]
    download = re.search(r'class="block-download__link" href="([^"]+)"', html).group(1)
    assert download.startswith(bucket + "filer_public/")
    status, content_type, body = _from_bucket(download)
    assert status == 200 and body.startswith(b"%PDF") and content_type == "application/pdf"
    thumbnail = _bucket_url(s3, html, "filer_public_thumbnails/")
    status, content_type, _ = _from_bucket(thumbnail)
    assert status == 200 and content_type.startswith("image/")

    # The media library: an upload through filer's admin lands in the bucket with its thumbnails.
    image = png_bytes(300, 200, colour="#00594f")
    response = _post_files(editor, reverse("admin:filer-ajax_upload"), {},
                           {"file": ("objektspeicher.png", image, "image/png")}, cert)
    assert response.status_code == 200, response.text[:2000]
    uploaded = File.objects.get(pk=response.json()["file_id"])
    assert uploaded.file.name in s3.objects()
    assert _from_bucket(bucket + uploaded.file.name)[2] == image
    status, headers, _ = editor.request(response.json()["thumbnail_180"])  # filer's icon: a redirect to the bucket
    assert status in (301, 302) and headers["Location"].startswith(bucket + "filer_public_thumbnails/")
    assert _from_bucket(headers["Location"])[0] == 200

    # A download block's file replaced in the media library: the page links the new file at once.
    pdf = File.objects.get(file=download[len(bucket):])
    new_pdf = b"%PDF-1.4\n% ersetzt im Objektspeicher\n%%EOF\n"
    response = _post_files(editor, reverse("admin:filer_file_change", args=[pdf.pk]),
                           {"name": pdf.name or "", "description": "", "is_public": "on", "_continue": "1"},
                           {"file": ("fragen-neu.pdf", new_pdf, "application/pdf")}, cert)
    assert response.status_code == 302, response.text[:3000]
    pdf.refresh_from_db()
    html = visitor.request("/kommunen/bochum/")[2]
    replaced = re.search(r'class="block-download__link" href="([^"]+)"', html).group(1)
    assert replaced != download and replaced == bucket + pdf.file.name
    assert _from_bucket(replaced)[2] == new_pdf

    # A profile photo: uploaded with the profile form, its thumbnail on the public profile, replaced
    # (the old photo is removed from the bucket), deleted with the profile.
    form = {"name": "Anna Objektspeicher", "slug": "anna-objektspeicher", "photo_alt": "Porträt",
            "municipalities": [Municipality.objects.get(ags="05911000").pk], "consent_to_publication": "on",
            "consent_date": "2009-01-10", "status": "published", "organisation": "", "role": "", "email": "",
            "phone": "", "address": "", "course": "", "certified_on": "", "certificate_number": "",
            "certificate_valid_until": "", "focus": "", "focus_en": ""}
    response = _post_files(editor, reverse("admin:managers_familymanager_add"), form,
                           {"photo": ("anna.png", png_bytes(400, 400, colour="#aa3300"), "image/png")}, cert)
    assert response.status_code == 302, response.text[:3000]
    profile = FamilyManager.objects.get(slug="anna-objektspeicher")
    first_photo = profile.photo.name
    html = visitor.request(profile.get_absolute_url())[2]
    status, content_type, _ = _from_bucket(_bucket_url(s3, html, first_photo.rsplit(".", 1)[0]))
    assert status == 200 and content_type.startswith("image/")
    thumbnails = {key for key in s3.objects() if key.startswith(first_photo) and key != first_photo}
    assert thumbnails, "the profile's thumbnail is stored in the bucket"

    # "Sofort veröffentlichen": a plain save of the published profile would be a draft.
    response = _post_files(editor, reverse("admin:managers_familymanager_change", args=[profile.pk]),
                           {**form, "_publish_now": "1"},
                           {"photo": ("anna-neu.png", png_bytes(400, 400, colour="#0033aa"), "image/png")}, cert)
    assert response.status_code == 302, response.text[:3000]
    profile.refresh_from_db()
    keys = s3.objects()
    assert profile.photo.name in keys and first_photo not in keys and not thumbnails & keys
    html = visitor.request(profile.get_absolute_url())[2]
    assert _from_bucket(_bucket_url(s3, html, profile.photo.name.rsplit(".", 1)[0]))[0] == 200

    # Deleting through the portal removes the objects.
    photo = profile.photo.name
    assert editor.request(reverse("admin:managers_familymanager_delete", args=[profile.pk]),
                          {"post": "yes", "csrfmiddlewaretoken": editor.csrf()})[0] == 302
    assert editor.request(reverse("admin:filer_image_delete", args=[uploaded.pk]),
                          {"post": "yes", "csrfmiddlewaretoken": editor.csrf()})[0] == 302
    # Removed once the deleting request's transaction commits; allow the other app server a moment to
    # finish anything of the page it served last, and name what is left if it does not go.
    deadline = time.monotonic() + 10
    keys = s3.objects()
    while any(key.startswith(photo) for key in keys) and time.monotonic() < deadline:
        time.sleep(0.5)
        keys = s3.objects()
    left = sorted(key for key in keys if key.startswith(photo))
    assert not left, f"the photo and its thumbnails are gone, left: {left}"
    assert uploaded.file.name not in keys
    assert _from_bucket(bucket + uploaded.file.name)[0] != 200


def _upstream_of(nginx: Nginx, request_id: str) -> str:
    """Which app server answered a request, from nginx's access log ("" when the microcache did)."""
    import json

    for line in nginx.access_log(expect=request_id).splitlines():
        entry = json.loads(line)
        if entry["request_id"] == request_id:
            return entry["upstream"]
    raise AssertionError(f"request {request_id} not in the access log")


def test_the_proxy_microcache_serves_visitors_never_editors_and_shows_a_publish_within_a_second(stack, tmp_path):
    env = {**stack["env"], "PORTAL_PROXY_CACHE_SECONDS": "1"}
    server = Server(env=env, workers=1, settings=env["DJANGO_SETTINGS_MODULE"], ready_path="/livez")
    nginx = None
    try:
        nginx = Nginx(tmp_path / "nginx", upstreams=[server.port], static_root=env["STATIC_ROOT"],
                      media_root=env["MEDIA_ROOT"], cert=stack["cert"], key=stack["key"])
        visitor, editor = Visitor(nginx.origin, stack["cert"]), Visitor(nginx.origin, stack["cert"])
        editor.login(EDITOR, EDITOR_PASSWORD)
        ids = {visitor: [], editor: []}
        for who in (visitor, visitor, visitor, editor, editor):  # back to back: the copy lives one second
            status, headers, _ = who.request(LIST)
            assert status == 200 and "X-Accel-Expires" not in headers
            ids[who].append(headers["X-Request-ID"])
        answered = {who: [_upstream_of(nginx, request_id) for request_id in ids[who]] for who in ids}
        assert answered[visitor][0] and "" in answered[visitor][1:], "a visitor gets the proxy's copy"
        assert all(answered[editor]), "an editor always gets the app server"

        title = "Im Mikrocache veröffentlicht"
        _set_event(env, status="published", title=title)
        saved = time.monotonic()
        while title not in visitor.request(LIST)[2]:
            assert time.monotonic() - saved < 3, "the publish is not visible through the proxy"
            time.sleep(0.05)
        print(f"\nmicrocache: publish visible after {time.monotonic() - saved:.2f} s")
    finally:
        if nginx is not None:
            nginx.stop()
        server.stop()
