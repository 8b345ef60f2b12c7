#!/usr/bin/env python
"""
Bulk data for `make bench` (scripts/bench.py runs it after `load_demo_content`), built from the
tests' factories (tests/<app>/factories.py) so a model's required fields are filled in one place:

    .venv/bin/python scripts/bench_data.py --events 10000 --reports 500 --profiles 1000 --pages 100

- events spread evenly from January 2008 to two years ahead (the month grid of May 2008, the current
  month and "alle Termine" all get a realistic share), one in 33 a series, one in 50 a draft;
- reports from 2006 to today, one in 20 a draft, each with three talks and a quote;
- profiles across all municipalities of NRW (one or two places, one in 25 for a whole Kreis),
  one in 10 without consent, one in 20 a draft;
- published content pages under "Lasttest";
- full size (`--municipalities 396`): municipalities onboarded like `manage.py add_municipality`
  (familie_portal.onboarding, one editor `redaktion-<slug>` each) with the page tree TREE below each
  city page (ten published pages in three levels); the events, reports and profiles above are spread
  over all municipalities anyway. scripts/measure_size.py (`make bench ARGS="--phases size"`) grows
  the state with it.

Rows are built with the factories (`build()`, unsaved) and written with bulk_create: save() is
skipped, so series ends are computed here as Event.save() would; the search index is rebuilt once
at the end and the cache generation advanced. Idempotent: rows are keyed by slug
(`bench-…-<n>`), only missing ones are created. Settings: DJANGO_SETTINGS_MODULE (default: dev).
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familie_portal.settings.dev")

EVENT_TOPICS = [
    ("Elterncafé", "Parents' café"),
    ("Fachtag Frühe Hilfen", "Conference on early support"),
    ("Werkstatt Familienfreundliche Kommune", "Workshop family-friendly municipality"),
    ("Sprechstunde Familienbüro", "Family office consultation hours"),
    ("Qualifizierung Familienmanagement", "Family management course"),
    ("Familienfest", "Family festival"),
    ("Netzwerktreffen Familienzentren", "Network meeting of family centres"),
    ("Infoabend Kinderbetreuung", "Information evening on childcare"),
]
SERIES_RULES = ["FREQ=WEEKLY;COUNT=12", "FREQ=WEEKLY;INTERVAL=2;COUNT=10", "FREQ=MONTHLY;BYDAY=1TU;COUNT=10",
                "FREQ=MONTHLY;COUNT=6"]
REPORT_THEMES = [
    ("Familienfreundliche Verwaltung", "Family-friendly administration"),
    ("Kinderbetreuung im Quartier", "Childcare in the neighbourhood"),
    ("Beteiligung von Eltern", "Involving parents"),
    ("Familienbildung", "Family education"),
    ("Wohnen für Familien", "Housing for families"),
]
REPORT_BODY_DE = (
    "<p>Die Teilnehmenden aus Verwaltung, freien Trägern und Politik tauschten Erfahrungen aus. Im Mittelpunkt "
    "standen die Ressourcen der Kommune, verbindliche Ziele und die Zusammenarbeit der Ämter.</p>"
    "<h2>Ergebnisse</h2><p>Familienfreundlichkeit ist eine Querschnittsaufgabe: Familienbüros, Jugendamt und "
    "Stadtplanung arbeiten zusammen. Die Werkstatt zeigte Beispiele aus mehreren Kommunen.</p>"
)
REPORT_BODY_EN = ("<p>Participants from administration, charities and politics exchanged their experience.</p>"
                  "<h2>Results</h2><p>Family-friendliness is a cross-cutting task.</p>")
FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Karla", "Lukas"]
LAST_NAMES = ["Beispiel", "Muster", "Probe", "Platzhalter", "Exempel", "Fiktiv", "Modell", "Entwurf"]
PROFILE_ROLES = ["Familienbüro", "Sozialplanung", "Koordination Frühe Hilfen", "Stabsstelle Familie", "Jugendamt"]


def _bulk_create(model, rows: list, batch_size: int = 1000) -> list:
    """Django's own bulk_create: the portal's (familie_portal.content) would reindex each new row for
    the search, one by one; here the index is rebuilt once at the end instead."""
    from django.db.models import QuerySet

    return QuerySet(model).bulk_create(rows, batch_size=batch_size)


def _missing(model, field: str, prefix: str, count: int) -> list[int]:
    existing = set(model.objects.filter(**{f"{field}__startswith": prefix}).values_list(field, flat=True))
    return [n for n in range(count) if f"{prefix}{n}" not in existing]


def events(count: int) -> int:
    from django.utils import timezone

    from events import recurrence
    from events.calendar import local_tz
    from events.models import Category, Event, TargetGroup
    from managers.models import Municipality, Organisation
    from tests.events.factories import EventFactory

    missing = _missing(Event, "slug", "bench-event-", count)
    if not missing:
        return 0
    organisers = list(Organisation.objects.order_by("pk"))
    places = list(Municipality.objects.order_by("pk"))
    categories = list(Category.objects.order_by("pk")) or [None]
    targets = list(TargetGroup.objects.order_by("pk"))
    first_day = date(2008, 1, 1)
    span = (timezone.localdate() + timedelta(days=2 * 365) - first_day).days
    built = []
    for n in missing:
        rng = random.Random(n)
        title_de, title_en = EVENT_TOPICS[n % len(EVENT_TOPICS)]
        place = places[rng.randrange(len(places))]
        start = datetime.combine(first_day + timedelta(days=n * span // count),
                                 clock(rng.choice([9, 10, 14, 15, 18]), rng.choice([0, 30])), tzinfo=local_tz())
        event = EventFactory.build(
            slug=f"bench-event-{n}",
            status=Event.Status.DRAFT if n % 50 == 7 else Event.Status.PUBLISHED,
            title_de=f"{title_de} {place.name} {n}", title_en=f"{title_en} {place.name} {n}",
            lead_de=f"{title_de}: Angebote für Familien und Fachkräfte in {place.name}.",
            lead_en=f"{title_en}: services for families and professionals.",
            description_de="<p>Programm, Anmeldung und Ansprechpartner folgen. Familien sind herzlich "
                           "eingeladen.</p>",
            start=start, end=start + timedelta(hours=rng.choice([1, 2, 3, 6])),
            rrule=recurrence.normalize_rrule(rng.choice(SERIES_RULES), start=start) if n % 33 == 0 else "",
            venue_name="Rathaus", venue_city=place.name, municipality=place,
            organiser=organisers[n % len(organisers)], category=categories[n % len(categories)],
        )
        event.series_end = recurrence.series_end(event)
        built.append(event)
    created = _bulk_create(Event, built, batch_size=1000)
    if targets:
        through = Event.target_groups.through
        _bulk_create(through, [through(event_id=e.pk, targetgroup_id=targets[i % len(targets)].pk)
                                     for i, e in enumerate(created)], batch_size=2000)
    return len(created)


def reports(count: int) -> int:
    from django.utils import timezone

    from managers.models import Municipality, Organisation
    from tests.workshops.factories import ContributionFactory, QuoteFactory, WorkshopFactory
    from workshops.models import Contribution, Quote, Workshop, WorkshopSeries

    missing = _missing(Workshop, "slug_de", "bench-bericht-", count)
    if not missing:
        return 0
    series = WorkshopSeries.objects.order_by("pk").first() or WorkshopSeries.objects.create(
        name_de="Werkstattreihe", name_en="Workshop series", slug="werkstattreihe")
    organisers = list(Organisation.objects.order_by("pk"))
    cities = list(Municipality.objects.order_by("pk"))
    first_day = date(2006, 1, 1)
    span = (timezone.localdate() - first_day).days
    now = timezone.now()
    built = []
    for n in missing:
        rng = random.Random(n)
        theme_de, theme_en = REPORT_THEMES[n % len(REPORT_THEMES)]
        city = cities[rng.randrange(len(cities))]
        published = n % 20 != 3
        built.append(WorkshopFactory.build(
            series=series, organiser=organisers[n % len(organisers)], city=city,
            title_de=f"{theme_de} in {city.name} ({n})", title_en=f"{theme_en} in {city.name} ({n})",
            slug_de=f"bench-bericht-{n}", slug_en=f"bench-report-{n}",
            date=first_day + timedelta(days=n * span // count),
            teaser_de=f"Werkstattbericht: {theme_de} – wie Kommunen Familien unterstützen.",
            teaser_en=f"Workshop report: {theme_en}.", body_de=REPORT_BODY_DE, body_en=REPORT_BODY_EN,
            conclusion_de="<p>Fazit: Familienfreundlichkeit braucht Ressourcen und Ziele.</p>",
            status=Workshop.Status.PUBLISHED if published else Workshop.Status.DRAFT,
            published_at=now if published else None,
        ))
    created = _bulk_create(Workshop, built, batch_size=500)
    _bulk_create(Contribution, [
        ContributionFactory.build(workshop=report, position=i, name=f"Referentin {i + 1}", role_de="Familienbüro",
                                  affiliation_de="", topic_de=f"Praxisbericht {i + 1}",
                                  summary_de="<p>Erfahrungen aus der Praxis.</p>")
        for report in created for i in range(3)
    ])
    _bulk_create(Quote, [
        QuoteFactory.build(workshop=report, speaker="Teilnehmerin", text_de="Familienfreundlichkeit ist Chefsache.")
        for report in created
    ])
    return len(created)


def profiles(count: int) -> int:
    from managers.models import FamilyManager, Kreis, Municipality, Organisation
    from tests.managers.factories import FamilyManagerFactory

    missing = _missing(FamilyManager, "slug", "bench-profil-", count)
    if not missing:
        return 0
    places = list(Municipality.objects.order_by("pk"))
    kreise = list(Kreis.objects.filter(is_kreisfreie_stadt=False).order_by("pk"))
    city_orgs = {o.municipality_id: o for o in Organisation.objects.filter(municipality__isnull=False)}
    built, where = [], []
    for n in missing:
        rng = random.Random(n)
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
        kreisweit = bool(kreise) and n % 25 == 0
        at = [] if kreisweit else rng.sample(places, k=1 + (n % 5 == 0))
        year, consent = 2007 + n % 15, n % 10 != 4
        built.append(FamilyManagerFactory.build(
            name=f"{first} {last} {n}", slug=f"bench-profil-{n}", role=PROFILE_ROLES[n % len(PROFILE_ROLES)],
            organisation=city_orgs.get(at[0].pk) if at else None, kreis=kreise[n % len(kreise)] if kreisweit else None,
            email=f"profil{n}@example.org", show_email=n % 2 == 0,
            course=f"Qualifizierung Familienmanagement, Jahrgang {year}", certified_on=date(year, 11, 15),
            focus="Familienfreundliche Verwaltung, Vernetzung der Angebote für Familien.",
            consent_to_publication=consent, consent_date=date(year + 1, 1, 10) if consent else None,
            status=FamilyManager.Status.DRAFT if n % 20 == 9 else FamilyManager.Status.PUBLISHED,
        ))
        where.append(at)
    created = _bulk_create(FamilyManager, built, batch_size=1000)
    through = FamilyManager.municipalities.through
    _bulk_create(through, [through(familymanager_id=profile.pk, municipality_id=place.pk)
                                 for profile, at in zip(created, where, strict=True) for place in at],
                                batch_size=2000)
    return len(created)


# Ten pages below each city page, three levels: (title, children).
TREE = (
    ("Angebote", (("Kita", (("Anmeldung", ()),)), ("Schule", ()), ("Freizeit", ()))),
    ("Beratung", (("Familienbüro", ()), ("Pflege", ()))),
    ("Termine", ()),
    ("Kontakt", ()),
)


def _tree(parent, branches, user) -> int:
    from cms.api import add_plugin, create_page

    from familie_portal.onboarding import PAGE_TEMPLATE, publish

    created = 0
    for title, children in branches:
        page = create_page(title, PAGE_TEMPLATE, "de", parent=parent, in_navigation=True, created_by=user)
        content = page.get_admin_content("de")
        add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de",
                   body=f"<h2>{title}</h2><p>Angebote für Familien.</p>")
        publish(content, user)
        created += 1 + _tree(page, children, user)
    return created


def municipalities(count: int) -> int:
    """Onboard up to `count` municipalities not onboarded yet (no editor): one editor each and TREE below
    the city page. Returns how many were onboarded."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from familie_portal.onboarding import municipality_onboard, onboarding_setup
    from managers.models import Municipality

    if count <= 0:
        return 0
    User = get_user_model()
    setup = onboarding_setup()
    todo = list(Municipality.objects.filter(editors__isnull=True).order_by("pk")[:count])
    for municipality in todo:
        with transaction.atomic():
            editor, _ = User.objects.get_or_create(username=f"redaktion-{municipality.slug}"[:150],
                                                   defaults={"is_staff": True})
            page = municipality_onboard(municipality=municipality, editors=[editor], setup=setup).page
            _tree(page, TREE, setup.user)
    return len(todo)


def pages(count: int) -> int:
    from cms.api import add_plugin, create_page
    from cms.models import Page, PageContent
    from django.contrib.auth import get_user_model

    from familie_portal.onboarding import publish

    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    parent = Page.objects.filter(reverse_id="bench").first()
    if parent is None:
        parent = create_page("Lasttest", "pages/content.html", "de", slug="lasttest", reverse_id="bench",
                             created_by=user)
        publish(PageContent.admin_manager.get(page=parent, language="de"), user)
    existing = set(Page.objects.filter(reverse_id__startswith="bench-").values_list("reverse_id", flat=True))
    created = 0
    for n in range(count):
        if f"bench-{n}" in existing:
            continue
        page = create_page(f"Lasttest-Seite {n}", "pages/content.html", "de", slug=f"seite-{n}", parent=parent,
                           reverse_id=f"bench-{n}", created_by=user)
        content = PageContent.admin_manager.get(page=page, language="de")
        add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de",
                   body=f"<h2>Seite {n}</h2><p>Inhalt für den Lasttest.</p>")
        publish(content, user)
        created += 1
    return created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100, help="extra published content pages")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--profiles", type=int, default=1_000)
    parser.add_argument("--municipalities", type=int, default=0,
                        help="onboard this many more municipalities with editors and page trees (396: all)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import transaction

    from familie_portal.caching import content_changed
    from familie_portal.search import index

    started = time.monotonic()
    onboarded = municipalities(args.municipalities)  # committed one municipality at a time
    with transaction.atomic():
        counts = {"municipalities": onboarded, "pages": pages(args.pages), "events": events(args.events),
                  "reports": reports(args.reports),
                  "profiles": profiles(args.profiles)}
    documents = index.rebuild()
    content_changed()
    print(f"bench data: created {counts}; search index: {documents} documents "
          f"({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
