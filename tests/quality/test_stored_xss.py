"""Stored XSS: the corpus through every field in xss_targets renders without a script execution vector."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from events.models import Event
from managers.models import FamilyManager, Organisation
from tests.quality.html_checks import feed_items, feed_markup, inline_styles, json_script_problems, script_vectors
from tests.quality.xss_payloads import EMAIL_PAYLOADS, SCRIPT_SCHEME_URLS, XSS_PAYLOADS
from tests.quality.xss_targets import NOT_RENDERED, TARGETS, accepted_by_admin_form

pytestmark = pytest.mark.django_db
LOCAL_APPS = ("blocks", "managers", "workshops", "events", "familie_portal")


FEED_TYPES = ("application/rss+xml", "application/atom+xml")


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_payloads_render_without_script_vectors(client, user_by_name, target):
    urls = list(dict.fromkeys(target.store(XSS_PAYLOADS, user_by_name("admin"))))
    assert urls
    without_payloads = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        if "XSS" not in text:
            without_payloads.append(url)
        if response["Content-Type"].startswith(FEED_TYPES):
            # A reader renders item descriptions as HTML: they must be as harmless as a page.
            assert feed_items(text) > 0, url
            for markup in feed_markup(text):
                assert script_vectors(markup) == [], url
            continue
        assert script_vectors(text) == [], url
        assert inline_styles(text) == [], f"{url}: style-src 'self' would block these"
        assert json_script_problems(text) == [], f"{url}: JSON-LD broken out of or not JSON"
    # The addresses really show the payloads (not an empty list or a page without them).
    assert len(without_payloads) <= 0.1 * len(urls), without_payloads


@pytest.mark.parametrize(("model", "field"), [(Organisation, "website"), (Event, "registration_url")])
def test_url_fields_refuse_script_schemes(model, field):
    """The admin form takes only web addresses: no javascript:, vbscript: or data: URL gets stored."""
    assert accepted_by_admin_form(model, field, SCRIPT_SCHEME_URLS) == []
    assert accepted_by_admin_form(model, field, ["https://www.iqz.nrw.de/"]) == ["https://www.iqz.nrw.de/"]


@pytest.mark.parametrize(("model", "field"), [(FamilyManager, "email"), (Event, "registration_email")])
def test_email_fields_refuse_markup(model, field):
    assert accepted_by_admin_form(model, field, EMAIL_PAYLOADS) == ["xss@example.org"]


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
                if field.concrete and field.model._meta.app_label not in LOCAL_APPS:
                    continue  # inherited from a CMS base model (CMSPlugin.language, …)
                free_text = isinstance(field, models.CharField) and not field.choices
                if free_text and not isinstance(field, models.SlugField) or isinstance(field, models.TextField):
                    name = f"{model._meta.label}.{field.name}"
                    if name not in covered:
                        missing.append(name)
    assert missing == [], "add a Target (tests/quality/xss_targets.py) or a NOT_RENDERED reason"


def test_sanitizer_is_on():
    assert settings.TEXT_HTML_SANITIZE is True
    assert settings.TEXT_ADDITIONAL_PROTOCOLS == []
