from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "familie_portal"
    verbose_name = _("Familienportal")

    def ready(self):
        from familie_portal import roles

        # Groups and their permissions follow the code: refreshed after every migrate.
        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
