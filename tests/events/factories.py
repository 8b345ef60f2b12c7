"""Factories for events; demo organisers, categories and target groups are reused by slug."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from events import recurrence
from events.calendar import local_tz
from events.models import Event, TargetGroup
from managers.models import Organisation


def local(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=local_tz())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title_de = factory.Sequence(lambda n: f"Testveranstaltung {n}")
    slug = factory.Sequence(lambda n: f"testveranstaltung-{n}")
    lead_de = "Eine Veranstaltung für die Tests."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    organiser = factory.LazyFunction(lambda: Organisation.objects.get(slug="iqz"))
    status = Event.Status.PUBLISHED
    venue_city = "Bochum"

    @factory.post_generation
    def targets(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(TargetGroup.objects.filter(slug__in=extracted))


def bulk_events(count: int, *, first: datetime, step=timedelta(minutes=37), prefix="masse", **fields) -> list[Event]:
    """Many published events at once (bulk_create skips save(), so series_end is set here)."""
    organiser = fields.pop("organiser", None) or Organisation.objects.get(slug="iqz")
    events = []
    for i in range(count):
        start = first + i * step
        event = Event(
            title_de=f"{prefix} {i}", slug=f"{prefix}-{i}", start=start, end=start + timedelta(hours=1),
            organiser=organiser, status=Event.Status.PUBLISHED, **fields,
        )
        event.series_end = recurrence.series_end(event)
        events.append(event)
    return Event.objects.bulk_create(events)
