from django.core.management.base import BaseCommand
from django.db import transaction

from managers.places import load_places


class Command(BaseCommand):
    help = "Lädt (idempotent) alle Regierungsbezirke, Kreise und Kommunen Nordrhein-Westfalens."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_places(stdout=self.stdout)
