"""
Bulk workshop reports for `make bench` (called by `manage.py generate_bench_data`): `scale["reports"]`
reports from 2006 to today, 95 % published, each with three talks and a quote, in the demo's series.
Idempotent: keyed by slug ("bench-bericht-<n>"); only missing ones are created, in bulk.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from managers.models import Municipality, Organisation
from workshops.models import Contribution, Quote, Workshop, WorkshopSeries

PREFIX = "bench-bericht-"
FIRST_DAY = date(2006, 1, 1)
THEMES = [
    ("Familienfreundliche Verwaltung", "Family-friendly administration"),
    ("Kinderbetreuung im Quartier", "Childcare in the neighbourhood"),
    ("Beteiligung von Eltern", "Involving parents"),
    ("Familienbildung", "Family education"),
    ("Wohnen für Familien", "Housing for families"),
]
BODY_DE = (
    "<p>Die Teilnehmenden aus Verwaltung, freien Trägern und Politik tauschten Erfahrungen aus. Im Mittelpunkt "
    "standen die Ressourcen der Kommune, verbindliche Ziele und die Zusammenarbeit der Ämter.</p>"
    "<h2>Ergebnisse</h2><p>Familienfreundlichkeit ist eine Querschnittsaufgabe: Familienbüros, Jugendamt und "
    "Stadtplanung arbeiten zusammen. Die Werkstatt zeigte Beispiele aus mehreren Kommunen.</p>"
)
BODY_EN = (
    "<p>Participants from administration, charities and politics exchanged their experience.</p>"
    "<h2>Results</h2><p>Family-friendliness is a cross-cutting task.</p>"
)


def generate(*, scale: dict, stdout=None) -> None:
    count = scale.get("reports", 0)
    existing = set(Workshop.objects.filter(slug_de__startswith=PREFIX).values_list("slug_de", flat=True))
    missing = [n for n in range(count) if f"{PREFIX}{n}" not in existing]
    if not missing:
        return
    series = WorkshopSeries.objects.order_by("pk").first() or WorkshopSeries.objects.create(
        name_de="Werkstattreihe", name_en="Workshop series", slug="werkstattreihe"
    )
    organisers = list(Organisation.objects.order_by("pk"))
    cities = list(Municipality.objects.order_by("pk"))
    span_days = (timezone.localdate() - FIRST_DAY).days
    now = timezone.now()
    reports = []
    for n in missing:
        rng = random.Random(n)
        theme_de, theme_en = THEMES[n % len(THEMES)]
        city = cities[rng.randrange(len(cities))] if cities else None
        city_name = city.name if city else "NRW"
        published = n % 20 != 3
        reports.append(Workshop(
            series=series,
            title_de=f"{theme_de} in {city_name} ({n})",
            title_en=f"{theme_en} in {city_name} ({n})",
            slug_de=f"{PREFIX}{n}",
            slug_en=f"bench-report-{n}",
            city=city,
            date=FIRST_DAY + timedelta(days=n * span_days // count),
            organiser=organisers[n % len(organisers)],
            teaser_de=f"Werkstattbericht: {theme_de} – wie Kommunen Familien unterstützen.",
            teaser_en=f"Workshop report: {theme_en}.",
            body_de=BODY_DE,
            body_en=BODY_EN,
            conclusion_de="<p>Fazit: Familienfreundlichkeit braucht Ressourcen und Ziele.</p>",
            status=Workshop.Status.PUBLISHED if published else Workshop.Status.DRAFT,
            published_at=now if published else None,
        ))
    with transaction.atomic():
        created = Workshop.objects.bulk_create(reports, batch_size=500)
        Contribution.objects.bulk_create(
            [
                Contribution(workshop=report, position=i, name=f"Referentin {i + 1}", role_de="Familienbüro",
                             topic_de=f"Praxisbericht {i + 1}", summary_de="<p>Erfahrungen aus der Praxis.</p>")
                for report in created
                for i in range(3)
            ],
            batch_size=1000,
        )
        Quote.objects.bulk_create(
            [Quote(workshop=report, text_de="Familienfreundlichkeit ist Chefsache.", speaker="Teilnehmerin")
             for report in created],
            batch_size=1000,
        )
    if stdout is not None:
        stdout.write(f"workshops: {len(created)} reports generated")
