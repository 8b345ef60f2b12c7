"""Stored XSS: the corpus through every field in xss_targets renders without a script execution vector."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from tests.quality.html_checks import inline_styles, script_vectors
from tests.quality.xss_payloads import XSS_PAYLOADS
from tests.quality.xss_targets import NOT_RENDERED, TARGETS

pytestmark = pytest.mark.django_db
LOCAL_APPS = ("managers", "workshops", "events", "familie_portal")


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_payloads_render_without_script_vectors(client, user_by_name, target):
    urls = target.store(XSS_PAYLOADS, user_by_name("admin"))
    assert urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert script_vectors(html) == [], url
        assert inline_styles(html) == [], f"{url}: style-src 'self' would block these"


def test_the_checker_finds_the_raw_payloads():
    """Unsanitized, nearly every payload is caught (the rest are inert in a browser too)."""
    caught = sum(1 for payload in XSS_PAYLOADS if script_vectors(payload) or inline_styles(payload))
    assert caught >= len(XSS_PAYLOADS) - 4


def test_harmless_text_survives_sanitizing(client, user_by_name):
    """The sanitizer removes the attack, not the content around it."""
    text_target = next(t for t in TARGETS if t.name == "text plugin")
    [url, _] = text_target.store(["<p>XSS harmless text</p><script>alert(1)</script>"], user_by_name("admin"))
    html = client.get(url).content.decode()
    assert "XSS harmless text" in html and "alert(1)" not in html


def test_every_text_field_is_covered():
    covered = {field for target in TARGETS for field in target.fields} | set(NOT_RENDERED)
    missing = []
    for label in LOCAL_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.TextField | models.URLField):
                    name = f"{model._meta.label}.{field.name}"
                    if name not in covered:
                        missing.append(name)
    assert missing == [], "add a Target (tests/quality/xss_targets.py) or a NOT_RENDERED reason"


def test_sanitizer_is_on():
    assert settings.TEXT_HTML_SANITIZE is True
    assert settings.TEXT_ADDITIONAL_PROTOCOLS == []
