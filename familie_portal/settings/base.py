"""
Settings shared by every environment of familie_portal.

Environment-specific modules (dev, test, production) import everything from here and change
only what differs. Configuration comes from environment variables (django-environ); a `.env`
file in the project root is read if present (see `.env.example`).

Django settings reference: https://docs.djangoproject.com/en/5.2/ref/settings/
django CMS settings reference: https://docs.django-cms.org/en/latest/reference/configuration.html
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# ---------------------------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
SITE_ID = 1
ROOT_URLCONF = "familie_portal.urls"
WSGI_APPLICATION = "familie_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.admin",
    # Django's widget templates, for FORM_RENDERER = TemplatesSetting (below).
    "django.forms",
]
THIRD_PARTY_APPS = [
    "cms",
    "menus",
    "treebeard",
    "sekizai",
    "djangocms_versioning",
    # "Veröffentlichen mit Zeitgrenzen" in the versioning menu: a published page version visible from/until
    # (its window is read when a page is served; the portal's caches end at its moments, familie_portal.scheduling).
    # (Both this and djangocms_text by subclass, familie_portal/package_apps.py: for their German names.)
    "familie_portal.package_apps.TimedPublishingConfig",
    "djangocms_alias",
    "familie_portal.package_apps.RichTextConfig",
    "djangocms_link",
    "filer",
    "easy_thumbnails",
    "parler",
    "csp",
    "axes",
    # History of events, reports and profiles (familie_portal/admin_history.py).
    "reversion",
    "reversion_compare",
]
LOCAL_APPS = [
    "blocks",
    "managers",
    "workshops",
    "events",
    "registrations",
    "reviews",
    "feedback",
    # The project package doubles as the app for site-wide things: roles, demo content, shared
    # template tags, error views. Last, so that its post_migrate handler sees every permission.
    "familie_portal",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Serves cached full responses to anonymous GETs before anything heavy runs (item of the
    # performance budget); everything below runs only on a cache miss.
    "familie_portal.caching.middleware.AnonymousPageCacheMiddleware",
    # PostgreSQL unreachable -> 503 with Retry-After instead of 500 (views; middleware errors are
    # turned into the same page by handler500).
    "familie_portal.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the headers too.
    "familie_portal.middleware.SecurityHeadersMiddleware",
    "familie_portal.middleware.PortalCSPMiddleware",
    "familie_portal.middleware.RequestSanityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django CMS's apphook reload check, with the revision read from the (shared) cache.
    "familie_portal.middleware.ApphookReloadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A page not written in the visitor's language: interface in theirs, content in German.
    "familie_portal.middleware.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "familie_portal.middleware.EditorFramingMiddleware",
    "cms.middleware.user.CurrentUserMiddleware",
    "cms.middleware.page.CurrentPageMiddleware",
    "cms.middleware.toolbar.ToolbarMiddleware",
    # Inside django CMS's toolbar: what the view said about caching, before the toolbar marks the page.
    "familie_portal.caching.middleware.ViewCacheControlMiddleware",
    "cms.middleware.language.LanguageCookieMiddleware",
    # Last, as django-axes requires: turns a lockout flagged during authentication into the page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sekizai.context_processors.sekizai",
                "cms.context_processors.cms_settings",
                "familie_portal.context_processors.portal",
            ],
        },
    },
]

# ---------------------------------------------------------------------------------------------
# Database: DATABASE_URL selects it; unset, an SQLite file under var/ (the embedded default).
# ---------------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# An unreachable database host must fail fast (-> 503 page), not hang a worker for minutes.
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DB_CONNECT_TIMEOUT", default=3)
    # QuerySet.iterator() (django CMS reads plugins that way) reads client-side: a server-side
    # cursor costs three round trips per query, and it is what a transaction-pooling PgBouncer
    # in front of PostgreSQL needs anyway.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
elif "sqlite" in DATABASES["default"]["ENGINE"]:
    # SQLite has no row locks: a transaction takes the write lock when it begins (IMMEDIATE), and
    # concurrent writers (racing sign-up confirmations) wait for it instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

# ---------------------------------------------------------------------------------------------
# Auth
# ---------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    # django-axes first: refuses logins of locked-out clients before the password is checked.
    "familie_portal.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login brute force (django-axes): 5 failed logins for the same username from the same client IP
# lock that combination for AXES_COOLOFF_TIME. Username AND IP, not IP alone: a city hall's
# editors share one public IP, and one mistyping colleague must not lock out the whole
# municipality. Behind a reverse proxy REMOTE_ADDR is the proxy, so every client would share one
# counter: set PORTAL_CLIENT_IP_HEADER to the header the proxy overwrites (e.g. X-Real-IP or
# X-Forwarded-For; see `familie_portal.auth.client_ip`). Never trust a header the proxy passes
# through unchanged from the client, or attackers choose their own "IP".
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "familie_portal.auth.client_ip"
PORTAL_CLIENT_IP_HEADER = env("PORTAL_CLIENT_IP_HEADER", default="")

# ---------------------------------------------------------------------------------------------
# Internationalisation: German first, then English and the languages of NRW's families (Turkish,
# Ukrainian, Arabic - written right to left). German lives at unprefixed URLs, the others under
# /en/, /tr/, /uk/, /ar/. Content not written in a language is shown in German, marked lang="de".
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("tr", _("Türkisch")),
    ("uk", _("Ukrainisch")),
    ("ar", _("Arabisch")),
]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Output formats per language: British for /en/ (Django's "en" is American), Monday-first weeks everywhere.
FORMAT_MODULE_PATH = ["familie_portal.formats"]
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploaded files (django-filer's files and thumbnails, profile photos and their thumbnails) go to the
# local MEDIA_ROOT, or to an S3-compatible bucket when PORTAL_MEDIA_S3_BUCKET is set (django-storages,
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html). django-filer's public files
# take the default storage's backend, easy-thumbnails the default storage (no "easy_thumbnails" alias).
PORTAL_MEDIA_S3_BUCKET = env("PORTAL_MEDIA_S3_BUCKET", default="")
if PORTAL_MEDIA_S3_BUCKET:
    # django-storages' S3Storage; profile photos revalidated on every use (familie_portal.storage).
    MEDIA_STORAGE = {"BACKEND": "familie_portal.storage.MediaStorage"}
    AWS_STORAGE_BUCKET_NAME = PORTAL_MEDIA_S3_BUCKET
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)  # unset: Amazon S3 itself
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default=None)  # unset: boto3's own lookup (instance role)
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default=None)
    # Path-style addresses (host/bucket/key) work with every S3-compatible server.
    AWS_S3_ADDRESSING_STYLE = env("AWS_S3_ADDRESSING_STYLE", default="path")
    # Public media: plain URLs (no expiring signatures, so cached pages stay valid), on the bucket's public
    # host (e.g. a CDN or the proxy) when AWS_S3_CUSTOM_DOMAIN names one, else on the endpoint.
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_S3_URL_PROTOCOL = env("AWS_S3_URL_PROTOCOL", default="https:")
    AWS_QUERYSTRING_AUTH = False
    # Never overwrite an object with the same name: the name gets a suffix, as on the file system.
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=604800"}
    # The media library's private files (none today) stay private in the bucket: signed, expiring URLs.
    _private = {"ENGINE": MEDIA_STORAGE["BACKEND"], "OPTIONS": {"querystring_auth": True, "default_acl": "private"}}
    FILER_STORAGES = {"private": {
        "main": {**_private, "OPTIONS": {**_private["OPTIONS"], "location": "filer_private"}},
        "thumbnails": {**_private, "OPTIONS": {**_private["OPTIONS"], "location": "filer_private_thumbnails"}},
    }}
    # Pages show images and videos from there (Content-Security-Policy below).
    _media = urlsplit(f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN
                      else AWS_S3_ENDPOINT_URL or "https://s3.amazonaws.com")
    PORTAL_MEDIA_ORIGINS = [f"{_media.scheme}://{_media.netloc}"]
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    PORTAL_MEDIA_ORIGINS = []
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads: refuse what no editor legitimately sends (bytes; images are checked further by pixel count).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PORTAL_MAX_UPLOAD_BYTES = env.int("PORTAL_MAX_UPLOAD_BYTES", default=8 * 1024 * 1024)
PORTAL_MAX_IMAGE_PIXELS = env.int("PORTAL_MAX_IMAGE_PIXELS", default=40_000_000)

# ---------------------------------------------------------------------------------------------
# django CMS (5.1, with djangocms-versioning: publishing happens through versions)
# ---------------------------------------------------------------------------------------------
CMS_CONFIRM_VERSION4 = True
CMS_TEMPLATES = [
    ("pages/content.html", _("Inhaltsseite mit Seitenleiste")),
    ("pages/home.html", _("Startseite")),
    ("pages/fullwidth.html", _("Inhaltsseite ohne Seitenleiste")),
    ("pages/leichte_sprache.html", _("Leichte Sprache")),
    ("pages/gebaerdensprache.html", _("Deutsche Gebärdensprache")),
]
CMS_LANGUAGES = {
    SITE_ID: [
        {"code": "de", "name": _("Deutsch"), "public": True, "fallbacks": ["en"], "hide_untranslated": False},
        {"code": "en", "name": _("Englisch"), "public": True, "fallbacks": ["de"], "hide_untranslated": False},
        # A page not yet written in these languages is shown in German at its own address (no
        # redirect), marked lang="de" with a note in the visitor's language (templates/pages/).
        *({"code": code, "name": name, "public": True, "fallbacks": ["de"], "hide_untranslated": False,
           "redirect_on_fallback": False} for code, name in LANGUAGES[2:]),
    ],
    "default": {"public": True, "hide_untranslated": False, "redirect_on_fallback": True},
}
# Page-level permissions: municipal editors may change only their own municipality's pages.
CMS_PERMISSION = True
# The toolbar's "Help" menu (English documentation, news, a chat community) is off; the portal's own German
# help for editors takes its place as "Hilfe" (familie_portal/cms_toolbars.py, familie_portal/editor_help.py).
CMS_ENABLE_HELP = False
CMS_PLACEHOLDER_CONF = {
    "sidebar": {"name": _("Seitenleiste")},
    "content": {"name": _("Inhalt")},
    # The static alias of templates/includes/footer.html (its placeholder's slot is the alias's code).
    "footer": {"name": _("Fußzeile")},
}
# django CMS's own page, placeholder and plugin caches stay off: the portal's cache layer
# (familie_portal.caching) serves every anonymous page and follows every saved row of the
# portal's content, which django CMS's caches do not (a block showing a report or the map would
# go stale). One cache layer, with one switch.
CMS_PAGE_CACHE = CMS_PLACEHOLDER_CACHE = CMS_PLUGIN_CACHE = False
# CMS_CACHE_DURATIONS follows PORTAL_CACHES (below).
# Versioned content stays in the database when an editor "deletes" it from a draft.
DJANGOCMS_VERSIONING_ALLOW_DELETING_VERSIONS = False
# The history's compare view (django-reversion-compare) compares foreign keys by their ids: by
# default every foreign key is listed as "changed" as soon as any other field of the version is.
REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID = True
# Visitors' pages may not be framed at all; editors' requests get SAMEORIGIN (the django CMS
# sideframe shows admin pages in an iframe), see EditorFramingMiddleware.
X_FRAME_OPTIONS = "DENY"

# Rich text: djangocms-text's Tiptap editor with the portal's toolbar (paragraph, h2-h4, bold,
# italic, lists, quote, links; no colours, styles or images), sanitized with nh3 on save and render
# to the same elements (familie_portal.richtext, applied in familie_portal.apps).
TEXT_HTML_SANITIZE = True
TEXT_ADDITIONAL_PROTOCOLS = []
TEXT_EDITOR_TOOLBAR = [
    ["Paragraph", "Heading2", "Heading3", "Heading4"], "|",
    ["Bold", "Italic"], "|",
    ["BulletedList", "NumberedList", "Blockquote"], "|",
    ["Link", "Unlink"], "|",
    ["RemoveFormat"], "|",
    ["Undo", "Redo"],
]
TEXT_EDITOR_SETTINGS = {"toolbar_CMS": TEXT_EDITOR_TOOLBAR, "toolbar_HTMLField": TEXT_EDITOR_TOOLBAR}
# Link targets of the content blocks (blocks.models.LinkTarget) besides CMS pages and external
# addresses: what djangocms-link's widget searches through these models' admins.
DJANGOCMS_LINKABLE_MODELS = ["workshops.Workshop", "events.Event"]
# Files are offered through the download block (type, size, language), not as bare links.
DJANGOCMS_LINK_ALLOWED_LINK_TYPES = ("internal_link", "external_link", "anchor", "mailto", "tel")

# django-filer / easy-thumbnails
THUMBNAIL_PROCESSORS = (
    "easy_thumbnails.processors.colorspace",
    "easy_thumbnails.processors.autocrop",
    "filer.thumbnail_processors.scale_and_crop_with_subject_location",
    "easy_thumbnails.processors.filters",
)
THUMBNAIL_HIGH_RESOLUTION = False
# Folder permissions (FolderPermission rows, created after migrate and per municipality by
# familie_portal.onboarding): without them every editor with filer rights could change and delete
# every file, another city's and the IQZ's included.
FILER_ENABLE_PERMISSIONS = True
FILER_CANONICAL_URL = "dokumente/"
# Upload validation of django-filer: images get the portal's check (bytes, real type, pixel count
# from the header before decoding; familie_portal.validators), SVG is refused instead of
# sanitized, PDFs get the byte limit. The filer upload endpoint runs the same check first
# (familie_portal/admin.py). Filer's own pixel check uses the same limit.
FILER_MAX_IMAGE_PIXELS = PORTAL_MAX_IMAGE_PIXELS
FILER_REMOVE_FILE_VALIDATORS = ["image/svg+xml"]
FILER_ADD_FILE_VALIDATORS = dict.fromkeys(
    ("image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml", "application/pdf"),
    ["familie_portal.validators.validate_filer_upload"],
)

# ---------------------------------------------------------------------------------------------
# Security defaults (production tightens further)
# ---------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the portal never uses are switched off (SecurityHeadersMiddleware).
PORTAL_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "screen-wake-lock=(), xr-spatial-tracking=(), browsing-topics=()"
)

# Content-Security-Policy (django-csp 4). Public pages: only our own scripts, styles, images and
# fonts; no inline script or style, no plugins, no <base>, no framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *PORTAL_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # Videos and audio from the media bucket (else default-src covers them).
        **({"media-src": [SELF, *PORTAL_MEDIA_ORIGINS]} if PORTAL_MEDIA_ORIGINS else {}),
    },
}
# Editors only (PortalCSPMiddleware: authenticated staff users, and every /admin/ URL): the django
# CMS toolbar, structure board and sideframe, the admin and the rich-text editor inject inline
# <script>/<style> and style="" attributes, evaluate code, and show admin pages in a same-origin
# iframe. Relaxing the policy for these requests only keeps the public pages - the ones an attacker
# can send a visitor to - strict, while editors keep a working CMS. Editors are authenticated,
# trusted users, and their sessions are protected by the other measures here (HttpOnly, Secure,
# SameSite cookies, CSRF, django-axes).
PORTAL_CSP_EDITOR_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *PORTAL_MEDIA_ORIGINS],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}

# The portal's cache layer (familie_portal.caching): the anonymous page cache and the cached parts
# of pages, for visitors only. One switch: off while developing (an edit shows on the next
# request), on in production and `make bench`. Every saved row and every publish starts a new
# generation, so nobody waits for PORTAL_CACHE_SECONDS, which only bounds how long entries live.
PORTAL_CACHES = env.bool("PORTAL_CACHES", default=False)


def cms_cache_durations(portal_caches: bool) -> dict[str, int]:
    """django CMS's own caches (seconds). Its menu cache is cleared when django CMS publishes in this
    process and at every scheduled moment (familie_portal.scheduling.catch_up), not on a change it does
    not see (a publish in the worker, a queryset update): with the portal's caches off (`make run`) the
    navigation is built on every request, so it shows every change at once; with them on it is kept
    an hour, as the pages around it are kept until the next change."""
    return {"content": 300, "menus": 3600 if portal_caches else 0, "permissions": 300}


# django CMS's menu cache follows PORTAL_CACHES. `make bench`'s cold phase keeps it (PORTAL_MENU_CACHE=true):
# the portal's caches off, django CMS's own menu as deployed, as the bench before issue 11 measured "cold".
PORTAL_MENU_CACHE = env.bool("PORTAL_MENU_CACHE", default=PORTAL_CACHES)
CMS_CACHE_DURATIONS = cms_cache_durations(PORTAL_MENU_CACHE)
PORTAL_CACHE_SECONDS = env.int("PORTAL_CACHE_SECONDS", default=300)
# The page cache alone, for `make bench`'s "uncached" phase (parts warm, every page rendered).
PORTAL_PAGE_CACHE = env.bool("PORTAL_PAGE_CACHE", default=True)
# Behind nginx (deploy/nginx): how many seconds the proxy may keep a page that the page cache may keep
# (X-Accel-Expires on those responses); 0 marks nothing. A publish shows through the proxy after at most this.
PORTAL_PROXY_CACHE_SECONDS = env.int("PORTAL_PROXY_CACHE_SECONDS", default=0)
# How long an app server trusts the cached apphook revision (familie_portal.middleware.
# ApphookReloadMiddleware); a change is pushed into the cache at once, so this matters only for
# servers that do not share the cache.
PORTAL_URLCONF_CHECK_SECONDS = env.int("PORTAL_URLCONF_CHECK_SECONDS", default=60)
# Form widgets render from templates found like any other (templates/django/forms/... overrides Django's own).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# Saving, updating or deleting a row of these apps starts a new cache generation (apps: add yours;
# their models use familie_portal.content.ContentQuerySet, which a system check enforces).
PORTAL_CACHE_INVALIDATING_APPS = [
    "cms", "djangocms_versioning", "djangocms_timed_publishing", "djangocms_alias", "djangocms_text", "filer", "sites",
    "blocks", "managers", "workshops", "events", "registrations", "feedback", "familie_portal",
]
# ...except bookkeeping rows that change without changing what visitors see.
PORTAL_CACHE_INVALIDATION_IGNORE = ["cms.UrlconfRevision", "cms.UserSettings", "cms.PageUser", "cms.PageUserGroup",
                                    # a sign-up changes no page; its confirmation changes the date's counts
                                    "registrations.Registration",
                                    # a visitor's feedback message changes no page
                                    "feedback.Feedback",
                                    # "noch aktuell" on the editor's start page changes nothing public
                                    "familie_portal.ContentCheck"]

# ---------------------------------------------------------------------------------------------
# Portal
# ---------------------------------------------------------------------------------------------
# The ministry shown in the header; another state can brand its own portal.
PORTAL_MINISTRY_NAME = env(
    "PORTAL_MINISTRY_NAME",
    default="Ministerium für Kinder, Familie, Flüchtlinge und Integration des Landes Nordrhein-Westfalen",
)
PORTAL_SITE_NAME = env("PORTAL_SITE_NAME", default="Familie in NRW")
# Domain used in sitemaps, feeds and e-mails (the Site record is kept in step after migrate).
PORTAL_SITE_DOMAIN = env("PORTAL_SITE_DOMAIN", default="127.0.0.1:8000")
# Layouts the plugins "Neueste Werkstattberichte" and "Karte klein" offer per instance: a folder under
# templates/workshops/plugins/ (managers/plugins/) holding latest_workshops.html (map_teaser.html);
# a folder without that file falls back to the standard template.
WORKSHOPS_PLUGIN_TEMPLATE_FOLDERS = [("default", _("Standard"))]
MANAGERS_PLUGIN_TEMPLATE_FOLDERS = [("default", _("Standard"))]
# Password of the demo logins created by `load_demo_content` (development and tests only).
PORTAL_DEMO_PASSWORD = "familie-demo-2008"  # noqa: S105
# The looks editors can choose for the calendar's plugins ("Nächste Termine", the sidebar calendar):
# a folder below templates/events/plugins/ with its own templates; the first is the standard one,
# which needs no folder (events.cms_plugins). Add ("bochum", _("Bochum")) and the templates.
EVENTS_PLUGIN_TEMPLATE_FOLDERS = [("default", _("Standard"))]

# ---------------------------------------------------------------------------------------------
# System checks
# ---------------------------------------------------------------------------------------------
SILENCED_SYSTEM_CHECKS = [
    # django CMS 5.1's PageManager predates treebeard 5's check; the tree works as django CMS
    # tests it (treebeard.E001 warns about treebeard 6, which constraints.txt excludes).
    "treebeard.E001",
]

# =============================================================================================
# Production parts (issue 15): health checks, request ids and logs, the shared cache, mail and the
# background worker. One block; production.py tightens it. README "Betrieb / Operations".
# =============================================================================================
# First: the request id (every later log record carries it), then /livez and /readyz, answered
# before any middleware that needs the database or the cache (familie_portal.health).
MIDDLEWARE = ["familie_portal.logging.RequestIdMiddleware", "familie_portal.health.HealthCheckMiddleware", *MIDDLEWARE]

# Cache: local memory unless CACHE_URL points at a shared cache (several app servers). Redis
# (redis://host:6379/0) gets the portal's backend, which serves misses instead of errors while
# Redis is away (familie_portal.caching.backends).
_CACHE_URL = env("CACHE_URL", default="locmemcache://familie-portal")
CACHES = {
    "default": env.cache_url_config(
        _CACHE_URL,
        backend="familie_portal.caching.backends.ResilientRedisCache"
        if _CACHE_URL.startswith(("redis://", "rediss://")) else None,
    ),
}

# Logs: readable lines with the request id; JSON lines with PORTAL_LOG_JSON (production's default).
from familie_portal.logging import logging_config  # noqa: E402

PORTAL_LOG_JSON = env.bool("PORTAL_LOG_JSON", default=False)
LOGGING = logging_config(json_lines=PORTAL_LOG_JSON, level=env("LOG_LEVEL", default="WARNING"))

# Mail: EMAIL_URL (smtp+tls://user:password@host:587 for STARTTLS, smtp+ssl://...:465, smtp://localhost:25,
# consolemail://).
vars().update(env.email("EMAIL_URL", default="consolemail://"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="familienportal@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Seconds before the 2nd, 3rd, ... attempt of a mail the SMTP server refused (familie_portal.tasks).
PORTAL_MAIL_RETRY_DELAYS = [int(s) for s in env.list("PORTAL_MAIL_RETRY_DELAYS", default=["30", "120", "600", "1800"])]

# Registration for events (registrations/): how long a confirmation link is valid (then the sign-up
# expires), how many days after its date a registration's personal data is deleted (the daily job), the
# reminder in the .ics file, and the sign-ups an IP address / an e-mail address may send per hour.
PORTAL_REGISTRATION_CONFIRM_HOURS = env.int("PORTAL_REGISTRATION_CONFIRM_HOURS", default=48)
PORTAL_REGISTRATION_RETENTION_DAYS = env.int("PORTAL_REGISTRATION_RETENTION_DAYS", default=30)
PORTAL_REGISTRATION_ALARM_HOURS = env.int("PORTAL_REGISTRATION_ALARM_HOURS", default=24)
PORTAL_REGISTRATION_LIMIT_PER_IP = env.int("PORTAL_REGISTRATION_LIMIT_PER_IP", default=20)
PORTAL_REGISTRATION_LIMIT_PER_EMAIL = env.int("PORTAL_REGISTRATION_LIMIT_PER_EMAIL", default=5)

# Feedback and contact form (feedback/): where the messages are mailed (the IQZ), how many days after
# its answer (or, unanswered, its arrival) a message's personal data is deleted (the daily job), and the
# messages an IP address / an e-mail address may send per hour.
PORTAL_FEEDBACK_EMAIL = env("PORTAL_FEEDBACK_EMAIL", default="iqz@example.org")
PORTAL_FEEDBACK_RETENTION_DAYS = env.int("PORTAL_FEEDBACK_RETENTION_DAYS", default=180)
PORTAL_FEEDBACK_LIMIT_PER_IP = env.int("PORTAL_FEEDBACK_LIMIT_PER_IP", default=10)
PORTAL_FEEDBACK_LIMIT_PER_EMAIL = env.int("PORTAL_FEEDBACK_LIMIT_PER_EMAIL", default=5)

# Background tasks (Django's tasks API through the django-tasks backport): stored in PostgreSQL,
# run by `manage.py db_worker` (deploy/systemd/familie-portal-worker.service, `make run`).
# Before familie_portal, which stays last (see LOCAL_APPS).
INSTALLED_APPS.insert(INSTALLED_APPS.index("familie_portal"), "django_tasks")
INSTALLED_APPS.insert(INSTALLED_APPS.index("familie_portal"), "django_tasks_db")
TASKS = {"default": {"BACKEND": env("PORTAL_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
