from django.core.management.base import BaseCommand, CommandError

from familie_portal.tasks import SCHEDULED_JOBS


class Command(BaseCommand):
    help = "Queue the periodic jobs of a schedule (familie_portal.tasks.SCHEDULED_JOBS) for the worker."

    def add_arguments(self, parser):
        parser.add_argument("schedule", choices=sorted(SCHEDULED_JOBS))

    def handle(self, *args, schedule, **options):
        jobs = SCHEDULED_JOBS.get(schedule)
        if not jobs:
            raise CommandError(f"unknown schedule {schedule!r}")
        for job in jobs:
            result = job.enqueue()
            self.stdout.write(f"{job.name}: {result.id}")
