from django.conf import settings
from django.core.management.base import BaseCommand

from familie_portal.demo import demo_logins, load_demo_content


class Command(BaseCommand):
    help = "Create (idempotently) the demo logins, page tree, municipalities and each app's demo content."

    def handle(self, *args, **options):
        load_demo_content(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind geladen."))
        self.stdout.write(f"Demo-Logins unter /admin/ (Passwort für alle: {settings.PORTAL_DEMO_PASSWORD}):")
        for username, role in demo_logins():
            self.stdout.write(f"  {username:<14} {role}")
