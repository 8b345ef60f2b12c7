"""
Bulk Familienmanager profiles for `make bench` (called by `manage.py generate_bench_data`):
`scale["profiles"]` profiles across all municipalities of NRW (one or two places each, one in 25
kreisweit), 90 % public. Idempotent: keyed by slug ("bench-profil-<n>"); only missing ones are
created, in bulk.
"""

import random
from datetime import date

from django.db import transaction

from managers.models import FamilyManager, Kreis, Municipality, Organisation

PREFIX = "bench-profil-"
FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Karla", "Lukas"]
LAST_NAMES = ["Beispiel", "Muster", "Probe", "Platzhalter", "Exempel", "Fiktiv", "Modell", "Entwurf"]
ROLES = ["Familienbüro", "Sozialplanung", "Koordination Frühe Hilfen", "Stabsstelle Familie", "Jugendamt"]


def generate(*, scale: dict, stdout=None) -> None:
    count = scale.get("profiles", 0)
    existing = set(FamilyManager.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True))
    missing = [n for n in range(count) if f"{PREFIX}{n}" not in existing]
    if not missing:
        return
    municipalities = list(Municipality.objects.order_by("pk"))
    kreise = list(Kreis.objects.filter(is_kreisfreie_stadt=False).order_by("pk"))
    city_orgs = {o.municipality_id: o for o in Organisation.objects.filter(municipality__isnull=False)}
    profiles, places = [], []
    for n in missing:
        rng = random.Random(n)
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
        kreisweit = bool(kreise) and n % 25 == 0
        where = [] if kreisweit else rng.sample(municipalities, k=min(len(municipalities), 1 + (n % 5 == 0)))
        year = 2007 + n % 15
        profiles.append(FamilyManager(
            name=f"{first} {last} {n}",
            slug=f"{PREFIX}{n}",
            role=ROLES[n % len(ROLES)],
            organisation=city_orgs.get(where[0].pk) if where else None,
            kreis=kreise[n % len(kreise)] if kreisweit else None,
            email=f"profil{n}@example.org",
            show_email=n % 2 == 0,
            course=f"Qualifizierung Familienmanagement, Jahrgang {year}",
            certified_on=date(year, 11, 15),
            focus="Familienfreundliche Verwaltung, Vernetzung der Angebote für Familien.",
            consent_to_publication=n % 10 != 4,
            consent_date=date(year + 1, 1, 10) if n % 10 != 4 else None,
            status=FamilyManager.Status.DRAFT if n % 20 == 9 else FamilyManager.Status.PUBLISHED,
        ))
        places.append(where)
    with transaction.atomic():
        created = FamilyManager.objects.bulk_create(profiles, batch_size=1000)
        through = FamilyManager.municipalities.through
        through.objects.bulk_create(
            [
                through(familymanager_id=profile.pk, municipality_id=place.pk)
                for profile, where in zip(created, places, strict=True)
                for place in where
            ],
            batch_size=2000,
        )
    if stdout is not None:
        stdout.write(f"managers: {len(created)} profiles generated")
