#!/usr/bin/env python3
"""
Where a page spends its time: renders URLs in-process through the full WSGI stack (all middleware)
and prints, per URL, the wall and CPU milliseconds per request, the SQL queries and their time,
and optionally the top functions of a cProfile run.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=familie_portal.settings.production \\
        .venv/bin/python scripts/profile_page.py /veranstaltungen/2008/5/ --profile 25

Meant for a database holding `load_demo_content` plus `scripts/bench_data.py` (what `make bench`
measures). The page cache is off, the parts on (warm after the first request), as in the bench's
"uncached" phase; `--cold` switches every cache off.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="URL paths (default: the bench pages)")
    parser.add_argument("-n", type=int, default=30, help="requests per URL after warming")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions by own time")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumtime)")
    parser.add_argument("--cold", action="store_true", help="the cached parts off as well (every cache off)")
    args = parser.parse_args()

    os.environ["PORTAL_CACHES"] = "false" if args.cold else "true"
    os.environ.setdefault("PORTAL_MENU_CACHE", "true")  # django CMS's menu as deployed (the bench's cold phase)
    os.environ.setdefault("PORTAL_PAGE_CACHE", "false")  # every request renders; the parts are warm
    os.environ.setdefault("DJANGO_DEBUG", "false")  # as in production: no template debug information
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familie_portal.settings.dev")

    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()
    from tests.quality.urls import BENCH_PAGES

    paths = args.paths or [path for _name, path in BENCH_PAGES]

    def request(path):
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        }
        status = []
        body = b"".join(application(environ, lambda s, h, *a: status.append(s)))
        return status[0], len(body)

    sql = {"count": 0, "seconds": 0.0}

    def timed_sql(execute, query, params, many, context):
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql["count"] += 1
            sql["seconds"] += time.perf_counter() - started

    print(f"{'path':60} {'status':>6} {'bytes':>7} {'wall ms':>8} {'cpu ms':>7} {'queries':>7} {'sql ms':>7}")
    for path in paths:
        for _ in range(3):
            status, size = request(path)
        sql.update(count=0, seconds=0.0)
        with connection.execute_wrapper(timed_sql):
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(args.n):
                request(path)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{path[:60]:60} {status.split()[0]:>6} {size:7} {wall / args.n * 1000:8.1f} {cpu / args.n * 1000:7.1f} "
              f"{sql['count'] / args.n:7.1f} {sql['seconds'] / args.n * 1000:7.1f}", flush=True)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                request(path)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.profile)
            print(out.getvalue())


if __name__ == "__main__":
    main()
