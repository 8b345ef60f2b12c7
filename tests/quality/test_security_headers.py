"""Security headers on every public page, the editors' CSP, and `check --deploy` with production settings."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.quality.html_checks import inline_styles, script_vectors
from tests.quality.support import ROOT, database_url
from tests.quality.urls import PUBLIC_PAGES

STRICT_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def parse_csp(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def assert_strict_csp(response):
    csp = parse_csp(response["Content-Security-Policy"])
    for name, value in STRICT_CSP.items():
        assert csp.get(name) == value, (name, csp.get(name))
    assert not any("unsafe" in value for value in csp.values()), csp


@pytest.mark.django_db
@pytest.mark.parametrize("page", PUBLIC_PAGES, ids=lambda p: p.name)
def test_public_page_headers_and_no_inline_code(client, page):
    response = client.get(page.path)
    assert response.status_code == page.status
    assert_strict_csp(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    html = response.content.decode()
    assert script_vectors(html) == [], "public pages run only scripts from /static/"
    assert inline_styles(html) == [], "style-src 'self' blocks inline styles"


@pytest.mark.django_db
def test_second_anonymous_visit_gets_the_same_headers(client):
    """Served from the anonymous cache, a page keeps every security header."""
    first = client.get("/qualifizierung/")
    second = client.get("/qualifizierung/")
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "Referrer-Policy"):
        assert second[header] == first[header]


@pytest.mark.django_db
def test_static_files_carry_nosniff_and_csp(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_strict_csp(response)


@pytest.mark.django_db
def test_editors_get_the_relaxed_policy_for_the_cms_toolbar(iqz_client):
    """Staff need inline code for the toolbar/structure board; visitors never get it."""
    response = iqz_client.get("/qualifizierung/")
    assert response.status_code == 200
    csp = parse_csp(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_admin_login_page_gets_the_editors_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in parse_csp(response["Content-Security-Policy"])["style-src"]


@pytest.mark.django_db
def test_language_cookie_is_httponly_and_samesite(client):
    response = client.get("/healthz")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def _production_env(database_url="postgres://u@127.0.0.1:1/db"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="familie_portal.settings.production",
        SECRET_KEY="production-like-" + "k7Qx9#vR2mZp" * 5,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="familie.example.nrw.de",
    )
    return env


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/healthz", secure=True, headers={"host": "familie.example.nrw.de"})
cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "language_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"]),
                        "samesite": cookie["samesite"]},
    "settings": {name: getattr(settings, name) for name in (
        "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT")},
    "http": Client().get("/healthz", headers={"host": "familie.example.nrw.de"}).status_code,
}))
"""


@pytest.mark.django_db
def test_production_response_headers_and_cookies():
    """A real request through the production settings, against the (committed) test database."""
    url = database_url()
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=_production_env(url),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 200
    headers = probe["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert parse_csp(headers["Content-Security-Policy"])["default-src"] == "'self'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert probe["language_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert all(value is True for name, value in probe["settings"].items() if not name.endswith("SAMESITE"))
    assert probe["settings"]["SESSION_COOKIE_SAMESITE"] == probe["settings"]["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert probe["http"] == 301, "plain HTTP is redirected to HTTPS"
