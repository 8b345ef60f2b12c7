"""
Demo events: the IQZ's year 2008 from the original page (the Bochum workshop in April, several
dates in May so the sidebar calendar of May 2008 has linked days, a monthly "Sprechstunde" with a
summer break), and dates relative to today so "alle Termine" is never empty. Idempotent: events
are matched by slug; dates relative to today move with each run.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events.calendar import local_tz
from events.models import Category, Event, TargetGroup
from managers.models import Municipality, Organisation
from workshops.models import Workshop

CATEGORIES = [
    ("werkstatt", "Werkstatt", "Workshop"),
    ("fachtag", "Fachtag", "Conference"),
    ("qualifizierung", "Qualifizierung", "Qualification course"),
    ("sprechstunde", "Sprechstunde", "Consultation hours"),
    ("familienangebot", "Angebot für Familien", "For families"),
]
TARGET_GROUPS = [
    ("fachkraefte", "Fachkräfte", "Professionals"),
    ("eltern", "Eltern", "Parents"),
    ("verwaltung", "Verwaltung", "Administration"),
    ("kommunalpolitik", "Kommunalpolitik", "Local politics"),
]

BOCHUM_DESCRIPTION = (
    "<p>Übergreifende Verwaltungsstrukturen allein reichen nicht aus – für die Familienfreundlichkeit einer "
    "Kommune sind ausreichende Ressourcen und verbindliche Ziele erforderlich.</p>"
    "<p>Prof. Dr. Jörg Bogumil (Ruhr-Universität Bochum) stellt Verwaltungsmodelle für die kommunale "
    "Familienpolitik vor – vom „Amt für kommunale Familienpolitik“ bis zur „Horizontalen Zentralisierung "
    "einer Querschnittsaufgabe“. Thomas Frings (Stadt Gelsenkirchen) berichtet aus der Praxis. In der "
    "abschließenden Denkwerkstatt analysieren die Teilnehmenden die Familienfreundlichkeit ihrer Kommune.</p>"
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=local_tz())


def _events(today: date) -> list[dict]:
    def soon(days: int) -> date:
        return today + timedelta(days=days)

    next_wednesday = today + timedelta(days=(2 - today.weekday()) % 7 or 7)
    return [
        {
            "slug": "auftakt-werkstattreihe-familienfreundliche-kommune",
            "organiser": "iqz",
            "category": "werkstatt",
            "targets": ["verwaltung", "kommunalpolitik"],
            "title_de": "Auftakt der Werkstattreihe „Familienfreundliche Kommune“",
            "title_en": "Kick-off of the workshop series “Family-friendly municipality”",
            "lead_de": "Das IQZ stellt die Themen der Werkstattreihe 2008 vor.",
            "lead_en": "The IQZ presents the topics of the 2008 workshop series.",
            "start": _at(date(2008, 2, 26), 10),
            "end": _at(date(2008, 2, 26), 15),
            "venue_name": "Haus der Familie",
            "venue_city": "Düsseldorf",
            "venue_postcode": "40213",
        },
        {
            "slug": "familienfreundlichkeit-die-kommunalverwaltung-im-fokus",
            "organiser": "iqz",
            "category": "werkstatt",
            "targets": ["verwaltung", "fachkraefte"],
            "municipality": "bochum",
            "title_de": "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus",
            "title_en": "Family-friendliness – the municipal administration in focus",
            "lead_de": "Workshop des IQZ zum Thema „Familienfreundlichkeit von Kommunen“: Welche Verwaltungsstruktur "
            "braucht kommunale Familienpolitik?",
            "lead_en": "IQZ workshop on family-friendly municipalities: which administrative structure does "
            "municipal family policy need?",
            "description_de": BOCHUM_DESCRIPTION,
            "start": _at(date(2008, 4, 15), 10),
            "end": _at(date(2008, 4, 15), 16),
            "venue_name": "Rathaus Bochum",
            "venue_street": "Willy-Brandt-Platz 2–6",
            "venue_postcode": "44787",
            "venue_city": "Bochum",
        },
        {
            "slug": "sprechstunde-familienmanagement-2008",
            "organiser": "iqz",
            "category": "sprechstunde",
            "targets": ["fachkraefte", "verwaltung"],
            "title_de": "Sprechstunde Familienmanagement",
            "title_en": "Family management consultation hours",
            "lead_de": "Jeden ersten Dienstag im Monat beantwortet das IQZ Fragen zum kommunalen Familienmanagement "
            "(im August Sommerpause).",
            "lead_en": "Every first Tuesday of the month the IQZ answers questions on municipal family management "
            "(summer break in August).",
            "start": _at(date(2008, 2, 5), 14),
            "end": _at(date(2008, 2, 5), 16),
            "rrule": "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20081231",
            "exdates": "2008-08-05",
            "venue_name": "IQZ-Geschäftsstelle",
            "venue_city": "Düsseldorf",
            "venue_postcode": "40213",
        },
        {
            "slug": "fachtag-familienbildung-im-stadtteil",
            "organiser": "iqz",
            "category": "fachtag",
            "targets": ["fachkraefte"],
            "municipality": "gelsenkirchen",
            "title_de": "Fachtag Familienbildung im Stadtteil",
            "title_en": "Conference: family education in the district",
            "lead_de": "Wie erreichen Angebote der Familienbildung die Familien im Quartier?",
            "lead_en": "How do family education services reach families in the neighbourhood?",
            "start": _at(date(2008, 5, 8), 9, 30),
            "end": _at(date(2008, 5, 8), 16),
            "venue_name": "Wissenschaftspark Gelsenkirchen",
            "venue_street": "Munscheidstraße 14",
            "venue_postcode": "45886",
            "venue_city": "Gelsenkirchen",
        },
        {
            "slug": "qualifizierung-familienmanagement-modul-1-2008",
            "organiser": "iqz",
            "category": "qualifizierung",
            "targets": ["verwaltung"],
            "title_de": "Qualifizierung Familienmanagement – Modul 1: Verwaltungsmodelle",
            "title_en": "Family management course – module 1: administrative models",
            "lead_de": "Zweitägiges Auftaktmodul der berufsbegleitenden Qualifizierung.",
            "lead_en": "Two-day opening module of the part-time qualification course.",
            "start": _at(date(2008, 5, 15), 10),
            "end": _at(date(2008, 5, 16), 15),
            "registration_email": "iqz@example.org",
            "capacity": 24,
            "booked_out": True,
            "venue_name": "Haus der Familie",
            "venue_city": "Düsseldorf",
            "venue_postcode": "40213",
        },
        {
            "slug": "werkstatt-familienfreundliche-stadtplanung",
            "organiser": "iqz",
            "category": "werkstatt",
            "targets": ["verwaltung", "fachkraefte"],
            "municipality": "gelsenkirchen",
            "title_de": "Werkstatt: Familienfreundliche Stadtplanung und Wohnen",
            "title_en": "Workshop: family-friendly urban planning and housing",
            "lead_de": "Kooperationen mit Wohnungsgesellschaften – etwa gemeinsame Mieterbefragungen – in der Praxis.",
            "lead_en": "Working with housing companies, for example joint tenant surveys, in practice.",
            "start": _at(date(2008, 5, 21), 10),
            "end": _at(date(2008, 5, 21), 16),
            "venue_name": "Hans-Sachs-Haus",
            "venue_street": "Ebertstraße 11",
            "venue_postcode": "45879",
            "venue_city": "Gelsenkirchen",
        },
        {
            "slug": "familienfest-im-stadtpark-bochum-2008",
            "organiser": "stadt-bochum",
            "category": "familienangebot",
            "targets": ["eltern"],
            "municipality": "bochum",
            "all_day": True,
            "title_de": "Familienfest im Stadtpark",
            "title_en": "Family day in the city park",
            "lead_de": "Spiel, Musik und Beratung: Die Stadt Bochum lädt Familien in den Stadtpark ein.",
            "lead_en": "Games, music and advice: the city of Bochum invites families to the city park.",
            "start": _at(date(2008, 5, 24), 0),
            "end": _at(date(2008, 5, 24), 0),
            "venue_name": "Stadtpark Bochum",
            "venue_street": "Bergstraße",
            "venue_postcode": "44791",
            "venue_city": "Bochum",
        },
        {
            "slug": "spielestunden-in-haushalten-infoabend-2008",
            "organiser": "stadt-gelsenkirchen",
            "category": "familienangebot",
            "targets": ["eltern"],
            "municipality": "gelsenkirchen",
            "title_de": "Spielestunden in Haushalten – Infoabend",
            "title_en": "Play hours at home – information evening",
            "lead_de": "Wie die Stadt Gelsenkirchen mit Spielestunden unkompliziert Kontakt zu Familien aufnimmt.",
            "lead_en": "How the city of Gelsenkirchen gets in touch with families through play hours at home.",
            "start": _at(date(2008, 5, 29), 18),
            "end": _at(date(2008, 5, 29), 20),
            "venue_name": "Familienbüro Gelsenkirchen",
            "venue_city": "Gelsenkirchen",
            "venue_postcode": "45879",
        },
        {
            "slug": "werkstatt-beteiligung-von-familien-2008",
            "organiser": "iqz",
            "category": "werkstatt",
            "targets": ["fachkraefte", "verwaltung"],
            "title_de": "Werkstatt: Familien beteiligen",
            "title_en": "Workshop: involving families",
            "lead_de": "Methoden der Familienbeteiligung in der kommunalen Planung.",
            "lead_en": "Methods of involving families in municipal planning.",
            "start": _at(date(2008, 9, 23), 10),
            "end": _at(date(2008, 9, 23), 16),
            "venue_name": "Rathaus Münster",
            "venue_city": "Münster",
            "venue_postcode": "48143",
        },
        {
            "slug": "jahrestagung-familienfreundliche-kommunen-2008",
            "organiser": "iqz",
            "category": "fachtag",
            "targets": ["verwaltung", "kommunalpolitik", "fachkraefte"],
            "title_de": "Jahrestagung Familienfreundliche Kommunen 2008",
            "title_en": "Annual conference on family-friendly municipalities 2008",
            "lead_de": "Ergebnisse der Werkstattreihe und Ausblick auf 2009.",
            "lead_en": "Results of the workshop series and outlook on 2009.",
            "start": _at(date(2008, 11, 18), 10),
            "end": _at(date(2008, 11, 18), 17),
            "venue_name": "Haus der Familie",
            "venue_city": "Düsseldorf",
            "venue_postcode": "40213",
        },
        # Upcoming, relative to the day the demo is loaded.
        {
            "slug": "fachtag-familienzentren-und-verwaltung",
            "organiser": "iqz",
            "category": "fachtag",
            "targets": ["fachkraefte", "verwaltung"],
            "municipality": "bochum",
            "title_de": "Fachtag Familienzentren und Verwaltung",
            "title_en": "Conference: family centres and administration",
            "lead_de": "Wie Familienzentren und Kommunalverwaltung zusammenarbeiten.",
            "lead_en": "How family centres and the municipal administration work together.",
            "start": _at(soon(7), 10),
            "end": _at(soon(7), 15),
            "registration_url": "https://example.org/anmeldung",
            "registration_deadline": soon(3),
            "capacity": 80,
            "venue_name": "Rathaus Bochum",
            "venue_street": "Willy-Brandt-Platz 2–6",
            "venue_postcode": "44787",
            "venue_city": "Bochum",
        },
        {
            "slug": "familientag-im-rathaus-bochum",
            "organiser": "stadt-bochum",
            "category": "familienangebot",
            "targets": ["eltern"],
            "municipality": "bochum",
            "all_day": True,
            "title_de": "Familientag im Rathaus",
            "title_en": "Family day at the town hall",
            "lead_de": "Das Familienbüro der Stadt Bochum stellt seine Angebote vor.",
            "lead_en": "The family office of the city of Bochum presents its services.",
            "start": _at(soon(14), 0),
            "end": _at(soon(14), 0),
            "venue_name": "Rathaus Bochum",
            "venue_street": "Willy-Brandt-Platz 2–6",
            "venue_postcode": "44787",
            "venue_city": "Bochum",
        },
        {
            "slug": "qualifizierung-familienmanagement-neuer-kurs",
            "organiser": "iqz",
            "category": "qualifizierung",
            "targets": ["verwaltung", "fachkraefte"],
            "title_de": "Qualifizierung Familienmanagement – neuer Kurs",
            "title_en": "Family management course – new group",
            "lead_de": "Der nächste Kurs der berufsbegleitenden Qualifizierung beginnt.",
            "lead_en": "The next part-time qualification course begins.",
            "start": _at(soon(21), 10),
            "end": _at(soon(22), 15),
            "registration_email": "iqz@example.org",
            "capacity": 24,
            "booked_out": True,
            "venue_name": "Haus der Familie",
            "venue_city": "Düsseldorf",
            "venue_postcode": "40213",
        },
        {
            "slug": "elternabend-spielestunden-gelsenkirchen",
            "organiser": "stadt-gelsenkirchen",
            "category": "familienangebot",
            "targets": ["eltern"],
            "municipality": "gelsenkirchen",
            "title_de": "Elternabend: Spielestunden in Haushalten",
            "title_en": "Parents' evening: play hours at home",
            "lead_de": "Eltern erfahren, wie die Spielestunden ablaufen.",
            "lead_en": "Parents learn how the play hours work.",
            "start": _at(soon(30), 18),
            "end": _at(soon(30), 20),
            "venue_name": "Familienbüro Gelsenkirchen",
            "venue_city": "Gelsenkirchen",
            "venue_postcode": "45879",
        },
        {
            "slug": "offene-sprechstunde-familienbuero-gelsenkirchen",
            "organiser": "stadt-gelsenkirchen",
            "category": "sprechstunde",
            "targets": ["eltern"],
            "municipality": "gelsenkirchen",
            "title_de": "Offene Sprechstunde des Familienbüros",
            "title_en": "Open consultation hours of the family office",
            "lead_de": "Mittwochs ohne Anmeldung: Beratung für Familien (einmal entfällt sie).",
            "lead_en": "Wednesdays without appointment: advice for families (cancelled once).",
            "start": _at(next_wednesday, 15),
            "end": _at(next_wednesday, 17),
            "rrule": "FREQ=WEEKLY;COUNT=12",
            "exdates": (next_wednesday + timedelta(weeks=2)).isoformat(),
            "venue_name": "Familienbüro Gelsenkirchen",
            "venue_city": "Gelsenkirchen",
            "venue_postcode": "45879",
        },
        {
            "slug": "werkstatt-familienfreundliche-arbeitgeberin-kommune",
            "organiser": "iqz",
            "category": "werkstatt",
            "targets": ["verwaltung"],
            "status": Event.Status.DRAFT,
            "title_de": "Werkstatt: Die Kommune als familienfreundliche Arbeitgeberin (Entwurf)",
            "title_en": "Workshop: the municipality as a family-friendly employer (draft)",
            "lead_de": "Noch nicht veröffentlicht.",
            "lead_en": "Not published yet.",
            "start": _at(soon(45), 10),
            "end": _at(soon(45), 16),
            "venue_name": "Haus der Familie",
            "venue_city": "Düsseldorf",
            "venue_postcode": "40213",
        },
    ]


@transaction.atomic
def load(*, stdout=None) -> None:
    categories = {
        slug: Category.objects.update_or_create(slug=slug, defaults={"name_de": de, "name_en": en, "position": i})[0]
        for i, (slug, de, en) in enumerate(CATEGORIES)
    }
    targets = {
        slug: TargetGroup.objects.update_or_create(slug=slug, defaults={"name_de": de, "name_en": en, "position": i})[
            0
        ]
        for i, (slug, de, en) in enumerate(TARGET_GROUPS)
    }
    organisations = Organisation.objects.in_bulk(["iqz", "stadt-bochum", "stadt-gelsenkirchen"], field_name="slug")
    municipalities = Municipality.objects.in_bulk(["bochum", "gelsenkirchen"], field_name="slug")
    specs = _events(timezone.localdate())
    reports = Workshop.objects.in_bulk([spec["slug"] for spec in specs], field_name="slug_de")
    for spec in specs:
        spec = dict(spec)
        slug = spec.pop("slug")
        target_slugs = spec.pop("targets")
        spec["organiser"] = organisations[spec["organiser"]]
        spec["category"] = categories[spec["category"]]
        spec["municipality"] = municipalities.get(spec.pop("municipality", None)) or _municipality(spec)
        spec.setdefault("status", Event.Status.PUBLISHED)
        # A past workshop has its report: the Bochum workshop links to the Werkstattreihe's report.
        spec["report"] = reports.get(slug)
        event, _created = Event.objects.update_or_create(slug=slug, defaults=spec)
        event.target_groups.set([targets[s] for s in target_slugs])
    if stdout:
        stdout.write(f"Veranstaltungen: {len(specs)} Demo-Termine geladen.")


def _municipality(spec) -> Municipality | None:
    # Düsseldorf and Münster exist once the managers app has loaded every NRW municipality.
    return Municipality.objects.filter(name=spec.get("venue_city", "")).first()
