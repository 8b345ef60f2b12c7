"""
Production: PostgreSQL behind a TLS-terminating proxy (deploy/nginx), served by gunicorn, Redis as
the shared cache, mail over SMTP, the background worker (deploy/systemd). README "Betrieb / Operations".

Refuses to start half-configured: SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS must be set.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

for _name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
    if not env(_name, default=""):
        raise ImproperlyConfigured(f"The environment variable {_name} must be set in production.")

SECRET_KEY = env("SECRET_KEY")
# Rotating the key: the old one here (comma-separated) keeps sessions and signed links valid while
# the new one takes over (README "Betrieb / Operations").
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# DATABASES comes from base (DATABASE_URL, with its connect timeout and client-side cursors).
PORTAL_SITE_DOMAIN = env("PORTAL_SITE_DOMAIN", default=ALLOWED_HOSTS[0])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

# The proxy terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Where http:// requests are redirected to, when it is not the requested host (e.g. another port).
SECURE_SSL_HOST = env("SECURE_SSL_HOST", default=None)
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # security.W021 (no HSTS preload): the browsers' preload list only takes registrable domains
    # and binds every subdomain of it for good; the portal runs under a state or municipal domain
    # whose owner decides that, not this app. Set SECURE_HSTS_PRELOAD=true where they have.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Logs: JSON lines with the request id (familie_portal.logging), INFO and up.
PORTAL_LOG_JSON = env.bool("PORTAL_LOG_JSON", default=True)
LOGGING = logging_config(json_lines=PORTAL_LOG_JSON, level=env("LOG_LEVEL", default="INFO"))

# Mail: a local MTA unless EMAIL_URL says otherwise; the sender named after the site.
vars().update(env.email("EMAIL_URL", default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"noreply@{PORTAL_SITE_DOMAIN.split(':')[0]}")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# The page cache and the cached parts (familie_portal.caching) are on in production.
PORTAL_CACHES = env.bool("PORTAL_CACHES", default=True)
PORTAL_MENU_CACHE = env.bool("PORTAL_MENU_CACHE", default=PORTAL_CACHES)
CMS_CACHE_DURATIONS = cms_cache_durations(PORTAL_MENU_CACHE)  # noqa: F405
