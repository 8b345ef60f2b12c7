"""Test settings: fast hashing, in-memory media and cache, the database from DATABASE_URL."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Per process (pytest workers), removed when the process ends. A server started by a test gets the
# test process's media folder where it needs the same uploaded files (PORTAL_TEST_MEDIA_ROOT).
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="familie-portal-static-"))
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)
if env("PORTAL_TEST_MEDIA_ROOT", default=""):
    MEDIA_ROOT = Path(env("PORTAL_TEST_MEDIA_ROOT"))
else:
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="familie-portal-media-"))
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Local memory unless a test server is started with CACHE_URL (e.g. two servers sharing a cache).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://tests")}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Servers started by tests (outage, browser) set CONN_MAX_AGE to test persistent connections.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)

# django-axes: no start-up banner in test output.
AXES_VERBOSE = False

# The apphook revision is pushed into the cache when it changes; re-reading it from the database
# every minute would add a query to whichever request comes after a minute on a slow machine.
PORTAL_URLCONF_CHECK_SECONDS = 3600
