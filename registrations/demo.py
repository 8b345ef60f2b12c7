"""
Demo registrations from `registrations/demo.yaml`: the sign-up switched on for three IQZ workshops,
with invented confirmed participants. Idempotent: settings by event, participants replaced on each run.
"""

from django.db import transaction
from django.utils import timezone

from events.models import Event
from familie_portal.demo import demo_data
from registrations.models import EventDate, Registration, RegistrationSettings

FIRST_NAMES = ["Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Greta", "Hakan", "Ida", "Jonas", "Kira", "Lukas"]


@transaction.atomic
def load(*, stdout=None) -> None:
    data = demo_data(__file__)
    now = timezone.now()
    for spec in data["events"]:
        event = Event.objects.get(slug=spec["slug"])
        flags = {f"ask_{question}": question in spec.get("ask", []) for question in
                 ("organisation", "phone", "accessibility", "dietary", "message")}
        RegistrationSettings.objects.update_or_create(event=event, defaults={
            "enabled": True, "places": spec["places"], "waiting_list": spec["waiting_list"], **flags})
        EventDate.objects.filter(event=event).delete()  # the date moves with each loading
        row = EventDate.objects.create(event=event, start=event.start, confirmed=spec["confirmed"])
        Registration.objects.bulk_create([
            Registration(event_date=row, status=Registration.Status.CONFIRMED, confirmed_at=now,
                         name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} Beispiel", email=f"demo-{row.pk}-{i}@example.org",
                         organisation="Stadt Beispielhausen")
            for i in range(spec["confirmed"])
        ])
    if stdout:
        stdout.write(f"Anmeldungen: {len(data['events'])} Werkstätten mit Anmeldung über das Portal.")
