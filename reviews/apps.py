from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Prüfung vor der Veröffentlichung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reviews import signals  # noqa: F401
        from reviews.page_lock import lock_waiting_pages

        lock_waiting_pages()
