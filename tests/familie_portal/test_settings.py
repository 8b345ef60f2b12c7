"""Production settings refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {"SECRET_KEY": "x" * 60, "DATABASE_URL": "postgres://u@127.0.0.1:1/db", "ALLOWED_HOSTS": "portal.example"}


def _import_production(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "familie_portal.settings.production"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_production_refuses_to_start_without(missing):
    result = _import_production({k: v for k, v in REQUIRED.items() if k != missing})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_starts_when_configured():
    result = _import_production(REQUIRED)
    assert result.returncode == 0, result.stderr


def test_sqlite_is_the_embedded_default():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "familie_portal.settings.dev"
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def _cache_settings(module: str, **env_overrides) -> str:
    env = {k: v for k, v in os.environ.items() if k not in REQUIRED and not k.startswith("PORTAL_")}
    env.update(REQUIRED if module == "production" else {}, **env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = f"familie_portal.settings.{module}"
    code = ("from django.conf import settings as s; "
            "print(s.PORTAL_CACHES, s.CMS_PLACEHOLDER_CACHE, s.CMS_PLUGIN_CACHE, s.CMS_PAGE_CACHE)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_caches_are_off_in_make_run_and_on_in_production():
    """`make run` (dev settings) shows an edit on the next request; production caches; one variable switches."""
    assert _cache_settings("dev") == "False False False False"
    assert _cache_settings("production") == "True False False False", "django CMS's own caches stay off"
    assert _cache_settings("dev", PORTAL_CACHES="true") == "True False False False"
    assert _cache_settings("production", PORTAL_CACHES="false") == "False False False False"
