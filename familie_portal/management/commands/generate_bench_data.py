"""
Bulk data for `make bench` (and for query-count tests at scale): published content pages here,
and whatever each app generates through an optional `<app>/bench.py`:

    def generate(*, scale: dict[str, int], stdout=None) -> None   # idempotent, bulk

`scale` holds this command's options (pages, events, reports, profiles); each app uses its own.
Bulk inserts skip the signals that keep the search index current, so the index is rebuilt at the
end (one bulk pass, vectors computed in SQL), and the anonymous page cache generation is bumped.
"""

import time
from importlib import import_module

from cms.api import add_plugin, create_page
from cms.models import Page, PageContent
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from familie_portal.caching import content_changed as bump_cache_generation
from familie_portal.demo import publish
from familie_portal.search import index


class Command(BaseCommand):
    help = "Generate bulk data for benchmarks (run after load_demo_content)."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=100, help="extra published content pages")
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--reports", type=int, default=500)
        parser.add_argument("--profiles", type=int, default=1_000)

    def handle(self, *args, **options):
        scale = {key: options[key] for key in ("pages", "events", "reports", "profiles")}
        started = time.monotonic()
        self._pages(scale["pages"])
        for label in settings.LOCAL_APPS:
            try:
                module = import_module(f"{label}.bench")
            except ModuleNotFoundError as exc:
                if exc.name != f"{label}.bench":
                    raise
                continue
            module.generate(scale=scale, stdout=self.stdout)
        documents = index.rebuild()
        bump_cache_generation()
        self.stdout.write(f"search index: {documents} documents ({time.monotonic() - started:.1f} s in all)")
        self.stdout.write(self.style.SUCCESS(f"Benchmark data ready: {scale}"))

    @transaction.atomic
    def _pages(self, count):
        user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        parent = Page.objects.filter(reverse_id="bench").first()
        if parent is None:
            parent = create_page("Lasttest", "pages/content.html", "de", slug="lasttest", reverse_id="bench",
                                 created_by=user)
            publish(PageContent.admin_manager.get(page=parent, language="de"), user)
        existing = set(Page.objects.filter(reverse_id__startswith="bench-").values_list("reverse_id", flat=True))
        for number in range(count):
            reverse_id = f"bench-{number}"
            if reverse_id in existing:
                continue
            page = create_page(f"Lasttest-Seite {number}", "pages/content.html", "de", slug=f"seite-{number}",
                               parent=parent, reverse_id=reverse_id, created_by=user)
            content = PageContent.admin_manager.get(page=page, language="de")
            add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de",
                       body=f"<h2>Seite {number}</h2><p>Inhalt für den Lasttest.</p>")
            publish(content, user)
