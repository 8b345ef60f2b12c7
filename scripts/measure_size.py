#!/usr/bin/env python3
"""
Does a render grow with the number of municipalities? Measures, in-process through the whole
middleware stack (the test client), the median render time of a few pages for the demo, then onboards
N more municipalities (one editor each, ten published subpages each in three levels) and measures
again, in the same run, and prints both with their ratio:

- "after save": caches on, the content generation advanced before every request (what a visitor gets
  after any edit anywhere), django CMS's menu kept;
- "all off": every cache off, django CMS's menu too;
- "editor": `bochum` in edit mode on the city's page (the toolbar), and the IQZ on the events' list.

    scripts/with-postgres.sh .venv/bin/python scripts/measure_size.py 60 [-n 7] [--profile PATH]

Needs an empty database (DATABASE_URL): it migrates and loads the demo itself. Onboarding takes seconds per
municipality on a loaded machine (60: 4-9 minutes); compare the ratios of one run, not times across runs.

Measured with 60 municipalities (18 -> 738 pages), a machine shared with other work, ratio grown/demo:
before the portal's menu (familie_portal.cms_menus) after a save 0.95-1.29, everything off 2.19-4.15
(a city page 536 -> 1845 ms), editors 0.79-0.89; after it after a save 0.82-1.16, everything off
0.67-1.01, editors 0.77-0.80.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PUBLIC = [
    ("home", "/"),
    ("city", "/kommunen/bochum/"),
    ("report", "/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"),
    ("month", "/veranstaltungen/2008/5/"),
    ("event", "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"),
]
SUBPAGES = (("Angebote", ("Kita", "Schule", "Freizeit")), ("Beratung", ("Familienbüro", "Pflege")),
            ("Termine", ("Ferien",)), ("Kontakt", ()))  # 4 + 6 = ten pages, three levels below the city


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familie_portal.settings.test")
    os.environ["PORTAL_CACHES"] = "true"
    os.environ["PORTAL_MENU_CACHE"] = "true"
    os.environ["PORTAL_PAGE_CACHE"] = "true"
    import django

    django.setup()


def median_ms(client, path, n, before=None):
    for _ in range(2):
        if before:
            before()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(n):
        if before:
            before()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def editor_paths():
    from cms.models import PageContent
    from cms.toolbar.utils import get_object_edit_url

    content = PageContent.admin_manager.current_content().get(page__reverse_id="kommune-bochum", language="de")
    return [("editor bochum", "bochum", get_object_edit_url(content)), ("iqz events", "iqz", "/admin/events/event/")]


def measure(n, profile_path=None):
    from django.conf import settings
    from django.test import Client, override_settings
    from menus.menu_pool import menu_pool

    from familie_portal import caching
    from familie_portal.settings.base import cms_cache_durations

    def bump():
        caching.content_changed()

    results = {}
    anonymous = Client()
    if profile_path:
        profiler = cProfile.Profile()
        profiler.enable()
        median_ms(anonymous, profile_path, n, bump)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
    for name, path in PUBLIC:
        results[("after save", name)] = median_ms(anonymous, path, n, bump)
    with override_settings(PORTAL_CACHES=False, CMS_CACHE_DURATIONS=cms_cache_durations(False)):
        menu_pool.clear(all=True)
        for name, path in PUBLIC:
            results[("all off", name)] = median_ms(anonymous, path, n)
    assert settings.PORTAL_CACHES
    from django.contrib.auth import get_user_model

    for name, username, path in editor_paths():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(path, follow=True)  # the edit address may redirect (a draft, the language)
        if response.redirect_chain:
            path = response.redirect_chain[-1][0]
        results[("editor", name)] = median_ms(client, path, n)
    return results


def grow(count):
    """Onboard `count` municipalities not onboarded yet, one editor and ten published subpages each."""
    from cms.api import create_page
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from familie_portal.onboarding import PAGE_TEMPLATE, municipality_onboard, publish
    from managers.models import Municipality

    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    todo = Municipality.objects.filter(editors__isnull=True).order_by("pk")[:count]
    started = time.perf_counter()
    for municipality in todo:
        with transaction.atomic():
            editor = User.objects.create_user(f"redaktion-{municipality.slug}"[:150], is_staff=True)
            page = municipality_onboard(municipality=municipality, editors=[editor], user=admin).page
            for title, children in SUBPAGES:
                parent = create_page(title, PAGE_TEMPLATE, "de", parent=page, in_navigation=True, created_by=admin)
                publish(parent.get_admin_content("de"), admin)
                for child_title in children:
                    child = create_page(child_title, PAGE_TEMPLATE, "de", parent=parent, in_navigation=True,
                                        created_by=admin)
                    publish(child.get_admin_content("de"), admin)
                    if child_title == "Kita":
                        grandchild = create_page("Anmeldung", PAGE_TEMPLATE, "de", parent=child, created_by=admin)
                        publish(grandchild.get_admin_content("de"), admin)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("municipalities", type=int, nargs="?", default=60, help="how many to onboard (max 396)")
    parser.add_argument("-n", type=int, default=7, help="requests per page and case (median)")
    parser.add_argument("--profile", metavar="PATH", help="cProfile PATH after a save at full size")
    args = parser.parse_args()
    setup()
    from cms.models import Page
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    demo_pages = Page.objects.count()
    demo = measure(args.n)
    seconds = grow(args.municipalities)
    pages = Page.objects.count()
    print(f"onboarded {args.municipalities} municipalities in {seconds:.0f} s; pages {demo_pages} -> {pages}")
    grown = measure(args.n, args.profile)
    print(f"{'case':12} {'page':14} {'demo ms':>8} {'grown ms':>9} {'ratio':>6}")
    for key, value in demo.items():
        print(f"{key[0]:12} {key[1]:14} {value:8.1f} {grown[key]:9.1f} {grown[key] / value:6.2f}")
    worst = max(grown[key] / demo[key] for key in demo)
    print(f"worst ratio {worst:.2f}")


if __name__ == "__main__":
    main()
