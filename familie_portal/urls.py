"""
URL configuration. German pages live at unprefixed URLs, English under /en/.

The CMS catch-all (`cms.urls`) comes last: every page of the page tree, and the apps hooked onto
pages (Werkstattreihe, Veranstaltungen, Familienmanager), are served through it.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from familie_portal import discovery, editor_help, health, password_reset, views

SITEMAPS = discovery.sitemaps()

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Answered by familie_portal.health.HealthCheckMiddleware before the middleware chain; named here for reverse().
    path("livez", health.livez, name="livez"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # The sitemap index names every section's pages (?p=N); sections: CMS pages per language, events, reports,
    # profiles (familie_portal.discovery).
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
         name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # German is the default language and lives at unprefixed URLs; /de/… redirects there.
    re_path(r"^de/(?P<path>.*)$", views.strip_default_language_prefix),
]

urlpatterns += i18n_patterns(
    # Before the admin's own "view on site" (same address): to the path, on the editor's host.
    path("admin/r/<int:content_type_id>/<path:object_id>/", views.view_on_site, name="admin-view-on-site"),
    path("admin/noch-aktuell/", views.confirm_current, name="editorial-confirm-current"),
    path("admin/hilfe/", editor_help.help_index, name="editor-help"),
    path("admin/hilfe/<slug:topic>/", editor_help.help_topic, name="editor-help-topic"),
    # "Zugangsdaten vergessen?": the admin's login page links the URL named admin_password_reset.
    path("admin/passwort-vergessen/", password_reset.PasswordResetView.as_view(), name="admin_password_reset"),
    path("admin/passwort-vergessen/gesendet/", password_reset.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("admin/passwort-neu/<uidb64>/<token>/", password_reset.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("admin/passwort-neu/fertig/", password_reset.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("suche/", views.SearchView.as_view(), name="search"),
    path("feeds/", views.FeedsView.as_view(), name="feeds"),
    path("anmeldung/", include("registrations.urls")),
    path("", include("cms.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler403 = "familie_portal.views.permission_denied"
handler404 = "familie_portal.views.page_not_found"
handler500 = "familie_portal.views.server_error"
