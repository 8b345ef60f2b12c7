"""Delete registrations' personal data after the retention period (also run daily by the worker's timer)."""

from django.core.management.base import BaseCommand

from registrations.services import registrations_purge


class Command(BaseCommand):
    help = ("Löscht Anmeldungen PORTAL_REGISTRATION_RETENTION_DAYS Tage nach ihrem Termin und nie bestätigte "
            "Anmeldungen; die Zahlen je Termin bleiben.")

    def handle(self, *args, **options):
        count = registrations_purge()
        self.stdout.write(f"{count} Anmeldungen gelöscht.")
