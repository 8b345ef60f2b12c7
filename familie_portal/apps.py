from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "familie_portal"
    verbose_name = _("Familienportal")

    def ready(self):
        from familie_portal import roles, signals

        # Groups and their permissions follow the code: refreshed after every migrate.
        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
        post_migrate.connect(sync_site_after_migrate, sender=self)
        signals.connect()


def sync_site_after_migrate(sender, using="default", **kwargs):
    """The Site record (sitemaps, feeds) follows PORTAL_SITE_DOMAIN / PORTAL_SITE_NAME."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.PORTAL_SITE_DOMAIN, "name": settings.PORTAL_SITE_NAME},
    )
