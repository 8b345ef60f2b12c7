from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "familie_portal"
    verbose_name = _("Familienportal")

    def ready(self):
        from familie_portal import onboarding, signals

        # After every migrate: the Site record, then what production needs without the demo -
        # the groups with the permissions the code declares (familie_portal.roles), the IQZ's
        # global page permission, the media library's folder permissions (familie_portal.onboarding).
        post_migrate.connect(sync_site_after_migrate, sender=self)
        post_migrate.connect(onboarding.portal_setup_after_migrate, sender=self)
        signals.connect()
        self._connect_cache_invalidation()
        # Rich text holds what the design styles (no style="", classes, images): familie_portal.richtext.
        from familie_portal.richtext import limit_sanitizer

        limit_sanitizer()
        self._name_version_lists()
        # The Kommunale Redaktion's own pages only, in the version list django CMS has registered by now.
        from familie_portal.admin_pages import guard_page_versions

        guard_page_versions()

    def _name_version_lists(self):
        """djangocms-versioning builds its proxy models (PageContentVersion, …) without verbose names,
        so the admin shows "Page content versions" whatever the language; name them in German."""
        from django.apps import apps

        names = {
            "pagecontentversion": (_("Seitenversion"), _("Seitenversionen")),
            "aliascontentversion": (_("Version eines Bausteins"), _("Versionen der Bausteine")),
        }
        for model_name, (singular, plural) in names.items():
            try:
                options = apps.get_model("djangocms_versioning", model_name)._meta
            except LookupError:
                continue
            options.verbose_name, options.verbose_name_plural = singular, plural

    def _connect_cache_invalidation(self):
        """Every way content changes starts a new cache generation (familie_portal.caching)."""
        from django.apps import apps
        from django.conf import settings
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from djangocms_versioning.signals import post_version_operation

        from familie_portal.caching import content_changed
        from familie_portal.content import rows_changed
        from familie_portal.middleware import remember_urlconf_revision

        post_version_operation.connect(content_changed, dispatch_uid="portal-cache-version")
        rows_changed.connect(content_changed, dispatch_uid="portal-cache-rows")
        post_save.connect(
            remember_urlconf_revision, sender="cms.UrlconfRevision", dispatch_uid="portal-urlconf-revision"
        )
        for label in settings.PORTAL_CACHE_INVALIDATING_APPS:
            try:
                models = apps.get_app_config(label).get_models()
            except LookupError:
                continue
            for model in models:
                if model._meta.label in settings.PORTAL_CACHE_INVALIDATION_IGNORE:
                    continue
                for signal in (post_save, post_delete):
                    signal.connect(content_changed, sender=model, dispatch_uid=f"portal-cache-{model._meta.label}")
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        content_changed, sender=field.remote_field.through,
                        dispatch_uid=f"portal-cache-{model._meta.label}-{field.name}",
                    )


def sync_site_after_migrate(sender, using="default", **kwargs):
    """The Site record (sitemaps, feeds) follows PORTAL_SITE_DOMAIN / PORTAL_SITE_NAME."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.PORTAL_SITE_DOMAIN, "name": settings.PORTAL_SITE_NAME},
    )
