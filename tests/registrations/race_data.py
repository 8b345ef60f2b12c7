"""
Committed data for the overbooking test (test_race.py), written by `manage.py shell` in its own process
(the test's own transaction is never committed): an event with PLACES places and SIGN_UPS pending sign-ups.
"""

import json
from datetime import timedelta

from django.utils import timezone

SLUG = "wettlauf-um-die-letzten-plaetze"
PLACES = 5
SIGN_UPS = 36


def create() -> None:
    from events.models import Event
    from managers.models import Organisation
    from registrations import tokens
    from registrations.models import EventDate, Registration, RegistrationSettings

    organiser, _ = Organisation.objects.get_or_create(slug="iqz", defaults={"name": "IQZ"})
    start = (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    event = Event.objects.create(slug=SLUG, title_de="Wettlauf", start=start, end=start + timedelta(hours=2),
                                 organiser=organiser, status=Event.Status.PUBLISHED)
    RegistrationSettings.objects.create(event=event, enabled=True, places=PLACES, waiting_list=True)
    row = EventDate.objects.create(event=event, start=start)
    registrations = [Registration.objects.create(event_date=row, name=f"Person {i}", email=f"p{i}@example.org")
                     for i in range(SIGN_UPS)]
    print(json.dumps([tokens.confirm_token(r) for r in registrations]))  # noqa: T201


def result() -> None:
    from registrations.models import EventDate, Registration

    row = EventDate.objects.get(event__slug=SLUG)
    states = sorted(Registration.objects.filter(event_date=row).values_list("status", flat=True))
    print(json.dumps({"confirmed": row.confirmed, "waiting": row.waiting,  # noqa: T201
                      "states": {s: states.count(s) for s in set(states)}}))


def cleanup() -> None:
    from events.models import Event

    Event.objects.filter(slug=SLUG).delete()
