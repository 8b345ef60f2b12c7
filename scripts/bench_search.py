#!/usr/bin/env python
"""
Search benchmark: latency of /suche/ with 20,000 generated items on PostgreSQL.

    make bench-search            # starts a throwaway PostgreSQL, migrates, generates, measures
    make bench-search ARGS="--items 50000 --rounds 30"

Generates documents straight into the search index (the index is what a search reads; the
apps' own tables are not involved at query time), in German and English, then times the full
request (routing, query, count, highlighting, template) through Django's test client, and the
database part alone. Prints median and p95 per query. Target: median < 50 ms per query.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familie_portal.settings.test")
# Measure the search itself, not the page cache answering repeated queries.
os.environ.setdefault("PORTAL_CACHES", "false")

WORDS_DE = [
    "Familie", "Familien", "Kommune", "Kommunen", "Verwaltung", "Familienfreundlichkeit",
    "familienfreundlich", "Werkstatt", "Werkstattreihe", "Bochum", "Gelsenkirchen", "Düsseldorf", "Köln",
    "Münster", "Detmold", "Arnsberg", "Büro", "Beratung", "Kita", "Jugendamt", "Stabsstelle", "Koordination",
    "Querschnittsaufgabe", "Qualifizierung", "Familienmanagerin", "Familienmanager", "Elternabend",
    "Sprechstunde", "Fachtag", "Netzwerk", "Planung", "Mieterbefragung", "Wohnungsgesellschaft",
    "Spielestunde", "Haushalt", "Ressourcen", "Ziele", "Amt", "Familienpolitik", "Denkwerkstatt", "Vortrag",
    "Diskussion", "Praxis", "Erfahrungen",
]
WORDS_EN = [
    "family", "families", "municipality", "municipalities", "administration", "workshop", "series", "office",
    "advice", "daycare", "youth", "welfare", "coordination", "qualification", "manager", "parents", "meeting",
    "network", "planning", "survey", "housing", "resources", "goals", "policy", "discussion", "practice",
    "experience", "conference",
]
KINDS = ["page", "workshop", "event", "manager"]
QUERIES = [
    ("de", "Familie"),
    ("de", "Familien Bochum"),
    ("de", "Kommunen Verwaltung"),
    ("de", "Buero"),
    ("de", "familienfreundlich"),
    ("de", "Werkstattreihe Gelsenkirchen Mieterbefragung"),
    ("de", "Qualifizierung Familienmanagerin Köln"),
    ("de", "Zebrastreifen"),  # no hit
    ("en", "families"),
    ("en", "municipality workshop"),
]


def generate(count: int, seed: int = 2008) -> None:
    from django.contrib.contenttypes.models import ContentType

    from familie_portal.models import SearchDocument
    from familie_portal.search.index import update_vectors
    from familie_portal.search.text import fold

    rng = random.Random(seed)
    content_type = ContentType.objects.get_for_model(SearchDocument)
    SearchDocument.objects.all().delete()
    rows = []
    for i in range(count):
        language = "de" if i % 4 else "en"
        words = WORDS_DE if language == "de" else WORDS_EN
        title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))).capitalize()
        body = ". ".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(6, 16))).capitalize()
            for _ in range(rng.randint(3, 12))
        )
        rows.append(
            SearchDocument(
                content_type=content_type, object_id=str(i), language=language, kind=KINDS[i % len(KINDS)],
                title=title, body=body, url=f"/bench/{i}/", folded_title=fold(title), folded_body=fold(body),
            )
        )
    SearchDocument.objects.bulk_create(rows, batch_size=2000)
    update_vectors()
    from django.db import connection

    with connection.cursor() as cursor:
        # The steady state autovacuum reaches on a live site: no dead tuples from the vector UPDATE.
        cursor.execute("VACUUM (ANALYZE) familie_portal_searchdocument")


def measure(rounds: int) -> list[tuple[str, str, float, float, float, int]]:
    from django.test import Client

    from familie_portal.search.query import search

    client = Client()
    results = []
    for language, query in QUERIES:
        prefix = "/en" if language == "en" else ""
        client.get(f"{prefix}/suche/", {"q": query})  # warm up
        view_times, db_times = [], []
        hits = 0
        for _ in range(rounds):
            start = time.perf_counter()
            response = client.get(f"{prefix}/suche/", {"q": query})
            view_times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            start = time.perf_counter()
            result = search(query=query, language=language)
            hits = result.total
            list(result.queryset[:10])
            db_times.append((time.perf_counter() - start) * 1000)
        view_times.sort()
        p95 = view_times[max(0, int(len(view_times) * 0.95) - 1)]
        results.append((language, query, statistics.median(view_times), p95, statistics.median(db_times), hits))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench_search: DATABASE_URL must point at PostgreSQL (use `make bench-search`).", file=sys.stderr)
        return 2

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate(args.items)
    print(f"generated {args.items} documents in {time.perf_counter() - started:.1f} s")
    rows = measure(args.rounds)
    print(f"{'lang':<5}{'query':<46}{'hits':>7}{'view p50 ms':>13}{'view p95 ms':>13}{'db p50 ms':>11}")
    for language, query, p50, p95, db, hits in rows:
        print(f"{language:<5}{query:<46}{hits:>7}{p50:>13.1f}{p95:>13.1f}{db:>11.1f}")
    overall = statistics.median(r[2] for r in rows)
    worst = max(r[2] for r in rows)
    print(f"median of medians: {overall:.1f} ms, slowest median: {worst:.1f} ms (target < 50 ms)")
    return 0 if worst < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
