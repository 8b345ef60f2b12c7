from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManagersConfig(AppConfig):
    name = "managers"
    verbose_name = _("Familienmanager und Kommunen")

    def ready(self):
        from managers import signals  # noqa: F401
