from django.conf import settings
from django.core.management.base import BaseCommand

from familie_portal.demo import DEMO_USERS, load_demo_content


class Command(BaseCommand):
    help = "Create (idempotently) the demo page tree, users, roles and each app's demo content."

    def handle(self, *args, **options):
        load_demo_content(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind geladen."))
        self.stdout.write(f"Demo-Logins unter /admin/ (Passwort für alle: {settings.PORTAL_DEMO_PASSWORD}):")
        for username, *_rest, group, _ags, superuser in DEMO_USERS:
            role = "Superuser" if superuser else group
            self.stdout.write(f"  {username:<14} {role}")
