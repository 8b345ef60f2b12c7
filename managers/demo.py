"""
Demo content of the managers app, read from `managers/demo.yaml`: the organisations and fictional
Familienmanager profiles (names from the German tradition of placeholder names, e-mail addresses
under example.org only). The places of NRW come with the migrations. Idempotent: organisations
and profiles are matched by slug; photos are drawn once.
"""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from familie_portal.demo import demo_data
from managers.models import FamilyManager, Kreis, Municipality, Organisation


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


def _profile_fields(spec: dict, index: int, organisation, kreis) -> dict:
    """The profile's fields; its contact details are made up from its position in the list."""
    name, year, consent = spec["name"], spec["year"], spec.get("consent", True)
    first, last = name.split(" ", 1)
    return {
        "name": name,
        "role": spec["role"],
        "organisation": organisation,
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
        "status": spec.get("status", FamilyManager.Status.PUBLISHED),
        "photo_alt": f"Gezeichnetes Platzhalterbild mit den Initialen {first[0]}{last[0]}"
        if spec.get("photo_colour") else "",
    }


@transaction.atomic
def load(*, stdout=None) -> None:
    data = demo_data(__file__)
    places = Municipality.objects.in_bulk(field_name="slug")
    for spec in data["organisations"]:
        spec = dict(spec)
        spec["municipality"] = places.get(spec.pop("municipality", None))
        Organisation.objects.get_or_create(slug=spec.pop("slug"), defaults=spec)
    kreise = Kreis.objects.in_bulk(field_name="slug")
    city_orgs = {o.municipality_id: o for o in Organisation.objects.filter(municipality__isnull=False)}
    for index, spec in enumerate(data["profiles"], start=1):
        municipalities = [places[slug] for slug in spec.get("municipalities", [])]
        organisation = city_orgs.get(municipalities[0].pk) if municipalities else None
        slug = _slugify(spec["name"])
        profile, _created = FamilyManager.objects.update_or_create(
            slug=slug, defaults=_profile_fields(spec, index, organisation, kreise.get(spec.get("kreis")))
        )
        profile.municipalities.set(municipalities)
        if spec.get("photo_colour") and not profile.photo:
            initials = "".join(part[0] for part in spec["name"].split(" ", 1))
            profile.photo.save(f"{slug}.png", _portrait(spec["photo_colour"], initials), save=True)
    if stdout is not None:
        stdout.write(f"Familienmanager: {FamilyManager.objects.count()} Profile (Demo).")
