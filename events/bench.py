"""
Bulk events for `make bench` (called by `manage.py generate_bench_data`): `scale["events"]` published
events spread evenly from January 2008 to two years ahead - so the month grid of May 2008, the current
month and "alle Termine" (the next two years) all have a realistic share - about 3 % of them series
(weekly, fortnightly or monthly, with COUNT or UNTIL), 2 % drafts. Idempotent: rows are keyed by slug
("bench-event-<n>"); only missing ones are created, in bulk (save() and signals are skipped, so
series_end is computed here as Event.save() would).
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events import recurrence
from events.calendar import local_tz
from events.models import Category, Event, TargetGroup
from managers.models import Municipality, Organisation

PREFIX = "bench-event-"
FIRST_DAY = date(2008, 1, 1)
SERIES_RULES = [
    "FREQ=WEEKLY;COUNT=12",
    "FREQ=WEEKLY;INTERVAL=2;COUNT=10",
    "FREQ=MONTHLY;BYDAY=1TU;COUNT=10",
    "FREQ=MONTHLY;COUNT=6",
]
TOPICS = [
    ("Elterncafé", "Parents' café"),
    ("Fachtag Frühe Hilfen", "Conference on early support"),
    ("Werkstatt Familienfreundliche Kommune", "Workshop family-friendly municipality"),
    ("Sprechstunde Familienbüro", "Family office consultation hours"),
    ("Qualifizierung Familienmanagement", "Family management course"),
    ("Familienfest", "Family festival"),
    ("Netzwerktreffen Familienzentren", "Network meeting of family centres"),
    ("Infoabend Kinderbetreuung", "Information evening on childcare"),
]


def generate(*, scale: dict, stdout=None) -> None:
    count = scale.get("events", 0)
    existing = set(Event.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True))
    missing = [n for n in range(count) if f"{PREFIX}{n}" not in existing]
    if not missing:
        return
    rng = random.Random()
    organisers = list(Organisation.objects.order_by("pk"))
    municipalities = list(Municipality.objects.order_by("pk"))
    categories = list(Category.objects.order_by("pk"))
    targets = list(TargetGroup.objects.order_by("pk"))
    last_day = timezone.localdate() + timedelta(days=2 * 365)
    span_days = (last_day - FIRST_DAY).days
    events = []
    for n in missing:
        rng.seed(n)
        day = FIRST_DAY + timedelta(days=n * span_days // count)
        title_de, title_en = TOPICS[n % len(TOPICS)]
        place = municipalities[rng.randrange(len(municipalities))] if municipalities else None
        start = datetime.combine(day, time(rng.choice([9, 10, 14, 15, 18]), rng.choice([0, 30])), tzinfo=local_tz())
        is_series = n % 33 == 0
        event = Event(
            slug=f"{PREFIX}{n}",
            status=Event.Status.DRAFT if n % 50 == 7 else Event.Status.PUBLISHED,
            title_de=f"{title_de} {place.name if place else ''} {n}".strip(),
            title_en=f"{title_en} {place.name if place else ''} {n}".strip(),
            lead_de=f"{title_de}: Angebote für Familien und Fachkräfte in {place.name if place else 'NRW'}.",
            lead_en=f"{title_en}: services for families and professionals.",
            description_de="<p>Programm, Anmeldung und Ansprechpartner folgen. Familien sind herzlich "
            "eingeladen.</p>",
            start=start,
            end=start + timedelta(hours=rng.choice([1, 2, 3, 6])),
            rrule=rng.choice(SERIES_RULES) if is_series else "",
            venue_name="Rathaus",
            venue_city=place.name if place else "",
            municipality=place,
            organiser=organisers[n % len(organisers)],
            category=categories[n % len(categories)] if categories else None,
        )
        if event.rrule:
            event.rrule = recurrence.normalize_rrule(event.rrule, start=event.start)
        event.series_end = recurrence.series_end(event)
        events.append(event)
    with transaction.atomic():
        created = Event.objects.bulk_create(events, batch_size=1000)
        through = Event.target_groups.through
        if targets:
            through.objects.bulk_create(
                [
                    through(event_id=event.pk, targetgroup_id=targets[i % len(targets)].pk)
                    for i, event in enumerate(created)
                ],
                batch_size=2000,
            )
    if stdout is not None:
        stdout.write(f"events: {len(created)} generated")
