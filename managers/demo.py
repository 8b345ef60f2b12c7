"""
Demo content of the managers app: all places of NRW, then fictional Familienmanager profiles.

The people are invented (names from the German tradition of placeholder names, e-mail addresses
under example.org only). Idempotent: profiles are matched by slug; photos are drawn once.
"""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from managers.models import FamilyManager, Kreis, Municipality, Organisation
from managers.places import load_places

# name, AGS of the municipalities (or "kreis:<key>"), role, course year, status, consent, photo colour
PROFILES = [
    ("Berta Beispiel", ["05911000"], "Leitung Familienbüro", 2007, "published", True, "#1f6f8b"),
    ("Bodo Muster", ["05911000"], "Sozialplanung", 2008, "published", True, None),
    ("Birte Platzhalter", ["05911000", "05916000"], "Stabsstelle Familie", 2008, "published", True, "#8b1f5a"),
    ("Gerda Exempel", ["05513000"], "Abteilung Besondere soziale Dienste", 2007, "published", True, "#2e7d32"),
    ("Gustav Probe", ["05513000"], "Familienbüro", 2009, "published", True, None),
    ("Gisela Entwurf", ["05513000"], "Jugendamt", 2009, "draft", True, None),
    ("Hanna Widerruf", ["05911000"], "Quartiersarbeit", 2008, "published", False, None),
    ("Dora Demo", ["05111000"], "Amt für Familienpolitik", 2007, "published", True, "#6a1b9a"),
    ("Emil Fiktiv", ["05113000"], "Familienbüro", 2008, "published", True, None),
    ("Klara Kasus", ["05114000"], "Sozialplanung", 2009, "published", True, None),
    ("Kurt Kleinbeispiel", ["05154036"], "Familienbüro", 2008, "published", True, None),
    ("Mona Modell", ["05170024"], "Koordination Frühe Hilfen", 2010, "published", True, None),
    ("Konrad Kölner", ["05315000"], "Amt für Kinder, Interessen und Familie", 2007, "published", True, "#c62828"),
    ("Bettina Bonnbeispiel", ["05314000"], "Familienbüro", 2008, "published", True, None),
    ("Anton Aachenmuster", ["05334002"], "Stabsstelle Demografie", 2009, "published", True, None),
    ("Erika Euskirchprobe", ["05366016"], "Familienservice", 2010, "published", True, None),
    ("Moritz Münstermuster", ["05515000"], "Amt für Kinder, Jugendliche und Familien", 2007, "published", True,
     "#ef6c00"),
    ("Bruno Borkenbeispiel", ["05554012"], "Familienbüro", 2009, "published", True, None),
    ("Rita Recklingprobe", ["05562032"], "Sozialplanung", 2008, "published", True, None),
    ("Bianca Bielemuster", ["05711000"], "Familienbüro", 2008, "published", True, "#00838f"),
    ("Paul Paderprobe", ["05774032"], "Koordination Familienzentren", 2009, "published", True, None),
    ("Dana Detmuster", ["05766020"], "Familienbüro", 2010, "published", True, None),
    ("Mia Mindenbeispiel", ["05770024"], "Sozialplanung", 2010, "published", True, None),
    ("Dirk Dortmuster", ["05913000"], "Familienprojekt", 2007, "published", True, "#4e342e"),
    ("Hilde Hagenprobe", ["05914000"], "Familienbüro", 2008, "published", True, None),
    ("Sven Siegmuster", ["05970040"], "Familienbüro", 2009, "published", True, None),
    ("Ulla Unnabeispiel", ["kreis:05978"], "Kreisweite Koordination Familienfreundlichkeit", 2010, "published",
     True, None),
    ("Horst Hochsauerprobe", ["kreis:05958"], "Kreisjugendamt", 2010, "draft", False, None),
]


def _slugify(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return name.lower().translate(table)


def _portrait(colour: str, initials: str) -> ContentFile:
    """A small, obviously drawn avatar: a coloured square with the initials."""
    image = Image.new("RGB", (240, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 30, 180, 150), fill="#ffffff")
    draw.rectangle((40, 160, 200, 240), fill="#ffffff")
    draw.text((108, 80), initials, fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{initials.lower()}.png")


@transaction.atomic
def load(*, stdout=None) -> None:
    load_places(stdout=stdout)
    places = {m.ags: m for m in Municipality.objects.filter(ags__in={a for p in PROFILES for a in p[1]})}
    kreise = {k.key: k for k in Kreis.objects.filter(key__in={a[6:] for p in PROFILES for a in p[1] if ":" in a})}
    city_orgs = {o.municipality_id: o for o in Organisation.objects.filter(municipality__isnull=False)}
    for index, (name, where, role, year, status, consent, colour) in enumerate(PROFILES, start=1):
        slug = _slugify(name)
        municipalities = [places[a] for a in where if ":" not in a]
        kreis = next((kreise[a[6:]] for a in where if ":" in a), None)
        first, last = name.split(" ", 1)
        profile, created = FamilyManager.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "role": role,
                "organisation": city_orgs.get(municipalities[0].pk) if municipalities else None,
                "kreis": kreis,
                "email": f"{first.lower()}.{_slugify(last)}@example.org",
                "show_email": index % 3 != 0,
                "phone": f"0000 {1000 + index:04d}",
                "show_phone": index % 2 == 0,
                "address": f"Musterstraße {index}\n(Demo-Adresse)",
                "show_address": index % 4 == 0,
                "course": f"Qualifizierung Familienmanagement, Jahrgang {year}",
                "certified_on": date(year, 11, 15),
                "certificate_number": f"IQZ-FM-{year}-{index:03d}",
                "certificate_valid_until": date(year + 10, 11, 30) if index % 5 == 0 else None,
                "focus": "Familienfreundliche Verwaltung, Vernetzung der Angebote für Familien, Beteiligung von "
                         "Eltern und Kindern.",
                "focus_en": "Family-friendly administration, connecting services for families, involving parents "
                            "and children.",
                "consent_to_publication": consent,
                "consent_date": date(year + 1, 1, 10) if consent else None,
                "status": status,
                "photo_alt": f"Gezeichnetes Platzhalterbild mit den Initialen {first[0]}{last[0]}" if colour else "",
            },
        )
        profile.municipalities.set(municipalities)
        if colour and not profile.photo:
            profile.photo.save(f"{slug}.png", _portrait(colour, f"{first[0]}{last[0]}"), save=True)
    if stdout is not None:
        stdout.write(f"Familienmanager: {FamilyManager.objects.count()} Profile (Demo).")
