from django.core.management.base import BaseCommand

from familie_portal.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index from everything that is public."

    def handle(self, *args, **options):
        total = rebuild(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Suchindex neu aufgebaut: {total} Dokumente."))
