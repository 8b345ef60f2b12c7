"""
django CMS's menu cache with the portal's caches off (`make run`): the navigation follows every change at
once, also one django CMS does not hear of (a queryset update, a publish in the worker process); with the
caches on it is kept, and still follows a page's scheduled moment (test_timed_publishing).
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from cms.api import create_page
from cms.models import PageContent
from django.test import Client
from djangocms_versioning.models import Version

from tests.familie_portal import test_timed_publishing

# The test settings as `make run`: the portal's caches off (so django CMS keeps no menu).
pytestmark = pytest.mark.django_db
MOMENT = test_timed_publishing.MOMENT
LINK = 'href="/fachtag-kormoranbruecke/"'


def _menu() -> str:
    return Client().get("/").content.decode()


@pytest.fixture
def published_page(user_by_name):
    page = create_page("Fachtag Kormoranbrücke", "pages/content.html", "de", slug="fachtag-kormoranbruecke",
                       created_by=user_by_name("iqz"), in_navigation=True)
    Version.objects.get_for_content(PageContent.admin_manager.get(page=page, language="de")).publish(
        user_by_name("iqz"))
    return page


@pytest.fixture
def draft_page(user_by_name):
    return test_timed_publishing.make_draft_page(user_by_name("iqz"))


def test_the_menu_follows_a_change_django_cms_did_not_see(published_page):
    assert LINK in _menu()
    # No signal reaches django CMS (as for a change made in another process).
    PageContent.admin_manager.filter(page=published_page).update(in_navigation=False)
    assert LINK not in _menu()


def test_a_page_published_for_9_is_in_the_menu_at_9_with_the_caches_off(draft_page):
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        test_timed_publishing._publish_with_time_limits(draft_page, visibility_start=MOMENT)
    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        assert LINK not in _menu()
        assert LINK not in _menu()
    with time_machine.travel(MOMENT + timedelta(seconds=1), tick=False):
        assert LINK in _menu()


SETTINGS_PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.PORTAL_CACHES, settings.CMS_CACHE_DURATIONS['menus']]))"
)


@pytest.mark.parametrize(("module", "variables", "expected"), [
    # `make run`: the portal's caches off, so django CMS keeps no menu either.
    ("familie_portal.settings.dev", {}, [False, 0]),
    # Production: both on; django CMS keeps its menu an hour.
    ("familie_portal.settings.production", {}, [True, 3600]),
    ("familie_portal.settings.production", {"PORTAL_CACHES": "false"}, [False, 0]),
    # `make bench`'s cold phase: the portal's caches off, django CMS's menu as deployed.
    ("familie_portal.settings.production", {"PORTAL_CACHES": "false", "PORTAL_MENU_CACHE": "true"}, [False, 3600]),
    ("familie_portal.settings.dev", {"PORTAL_MENU_CACHE": "true"}, [False, 3600]),
])
def test_django_cms_menu_cache_follows_the_portal_caches_unless_told_otherwise(module, variables, expected):
    env = {key: value for key, value in os.environ.items() if not key.startswith("PORTAL_")}
    env.update(DJANGO_SETTINGS_MODULE=module, SECRET_KEY="probe-" + "x" * 60, ALLOWED_HOSTS="localhost", **variables)
    result = subprocess.run([sys.executable, "-c", SETTINGS_PROBE], cwd=Path(__file__).resolve().parents[2],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == expected
