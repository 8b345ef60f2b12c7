from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Anmeldungen")

    def ready(self):
        from django.db.models.signals import post_save

        from events.models import Event
        from familie_portal.drafts import draft_merged
        from registrations.services import event_cancelled_dates, event_dates_after_draft

        # A series date that the editor marks as cancelled ("Ausnahmen"): its participants are told.
        post_save.connect(event_cancelled_dates, sender=Event, dispatch_uid="registrations-cancelled-dates")
        # A draft replaces a published event: the dates people registered for stay (or it is refused).
        draft_merged.connect(event_dates_after_draft, sender=Event, dispatch_uid="registrations-draft-dates")
