#!/usr/bin/env python3
"""
`make bench`: how fast the portal answers, measured in one run with one load generator (wrk).

Runs inside scripts/with-postgres.sh (throwaway PostgreSQL): migrates, loads the demo content and
bulk data (scripts/bench_data.py, built from the tests' factories), collects static files, then
starts gunicorn with the PRODUCTION settings once per phase:
  1. "cached": as deployed (PORTAL_CACHES=true: the page cache and the cached parts);
  2. "uncached": the page cache off (PORTAL_PAGE_CACHE=false), the parts warm: every request
     renders its page, as a page missing the page cache does on a running site;
  3. "cold": every cache of the portal off (PORTAL_CACHES=false): the full render, as the very first
     request after a content change pays it; django CMS's own menu is kept as deployed
     (PORTAL_MENU_CACHE=true: a content change leaves it alone), as the bench before issue 11 did.
and measures each URL for --duration seconds at --concurrency clients: the ceiling (/healthz, a
minimal Django view through the whole middleware stack, one `SELECT 1`) and BENCH_PAGES from
tests/quality/urls.py. Prints req/s, p50, p95 and the ratio to the ceiling of the same phase,
and checks the targets of the performance budget (issue 11): cached pages >= 150 % of the ceiling,
uncached >= 10 %, p95 < 100 ms (both); the cold phase has no target of its own.
  4. "proxy": the deployment of tests/quality/test_scale_out.py: nginx (deploy/nginx/familie_portal.conf,
     TLS) in front of two gunicorn servers (--workers split between them) sharing one Redis, caches on.
     Its ceiling is nginx itself serving a static file (a hashed CSS file, as browsers fetch it), so
     the ratio says how close a cached page comes to what the proxy can do at all.
  5. "microcache": the same with nginx's microcache on (PORTAL_PROXY_CACHE_SECONDS=1): anonymous
     visitors get nginx's copy of a page for up to a second.
  6. "registration": the portal's own sign-up (issue 14), caches on, against one hot date with places for
     everyone (scripts/bench_registration.py): sign-ups per second (direct POSTs of the form with a CSRF
     cookie and token, each with a new address; the rate limits raised by PORTAL_REGISTRATION_LIMIT_PER_*)
     and confirmations per second (POSTs of prepared confirmation links), each with p50/p95 at --concurrency;
     then the ceiling and the event pages alone, while sign-ups run and while confirmations run (paced at
     --registration-rate per second, a rush far beyond a real workshop's), with the cached phase's targets
     (a confirmation changes the date's counts and so the content generation: every cached page).
     Mail is queued (no worker runs), as a request does it in production.
  7. "size": does a render grow with the state? In-process (the test client, the whole middleware stack, test
     settings) through scripts/measure_size.py: the render time per page right after a save, with every cache
     off, and as an editor with the toolbar, for the data above, then again after onboarding --municipalities
     (default 396: all of NRW, one editor and a ten-page tree each, scripts/bench_data.py), with the ratio;
     ratios above 1.25 are flagged. It grows the database, so it runs last.
`--phases cached,uncached` runs a subset (`make bench ARGS="--phases proxy,microcache --only home"`:
the proxy phases alone, on few pages).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.quality import support  # noqa: E402
from tests.quality.urls import BENCH_PAGES  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "non2xx": %d, "p50": %f, "p95": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def run(*args, env, quiet=True):
    subprocess.run(args, cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench: installing wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL)
        wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("bench: wrk not found (apt-get install wrk)")
    return wrk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "familie_portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning", "--backlog", "2048"],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2):  # noqa: S310
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("bench: gunicorn did not start")


def wait_idle(base, timeout=120):
    """Until /livez answers fast: a URL that overloaded the server leaves queued requests behind
    (wrk gives up on them, gunicorn still works them off), which must not count against the next URL."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/livez", timeout=10):  # noqa: S310
                pass
        except OSError:
            pass
        if time.monotonic() - started < 0.2:
            return
        time.sleep(0.5)


def measure(wrk, script, url, concurrency, duration, idle=None):
    # Warm every worker (caches, connections) before measuring. A generous timeout: a slow page
    # must show up as slow, not as errors followed by a backlog of abandoned requests.
    idle = idle or ["/".join(url.split("/", 3)[:3])]  # the app servers, whose backlog must be worked off
    subprocess.run([wrk, "-t2", f"-c{concurrency}", "-d2s", "--timeout", "30s", url], check=True,
                   stdout=subprocess.DEVNULL)
    for base in idle:
        wait_idle(base)
    done = subprocess.run([wrk, "-t2", f"-c{concurrency}", f"-d{duration}s", "--timeout", "30s", "-s", script, url],
                          check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: wrk failed on {url}: {done.stderr or done.stdout}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    for base in idle:
        wait_idle(base)
    return result


# Performance budget (issue 7), as ratios to the ceiling of the same phase and run.
TARGET_CACHED_RATIO = 1.50
TARGET_UNCACHED_RATIO = 0.10
TARGET_P95_MS = 100


def _verdict(phase, path, result, ratio) -> str:
    """Whether a row meets its target ("-" for the ceiling and the cold phase, which has none)."""
    if path == "/healthz" or phase in ("cold", "proxy", "microcache"):
        return "-"
    needed = TARGET_CACHED_RATIO if phase == "cached" else TARGET_UNCACHED_RATIO
    problems = []
    if ratio < needed:
        problems.append(f"< {needed:.0%}")
    if result["p95"] >= TARGET_P95_MS:
        problems.append(f"p95 >= {TARGET_P95_MS} ms")
    return f"missed ({', '.join(problems)})" if problems else "ok"


SIGN_UP_LUA = """
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  n = 0
end
function request()
  n = n + 1
  local body = "csrfmiddlewaretoken=%(csrf)s&name=Bench+Person&organisation=Stadt+Lasttest&consent=on&email=bench-"
    .. "%(run)s-" .. id .. "-" .. n .. "%%40example.org"
  return wrk.format("POST", "%(path)s", {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=%(cookie)s"}, body)
end
"""
CONFIRM_LUA = """
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  tokens = {}
  for line in io.lines("%(tokens)s") do tokens[#tokens + 1] = line end
  i = id
end
function request()
  if i > #tokens then i = id end
  local token = tokens[i]
  i = i + 2
  return wrk.format("POST", "/anmeldung/bestaetigen/" .. token .. "/",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "csrftoken=%(cookie)s"},
    "csrfmiddlewaretoken=%(csrf)s")
end
"""
# The event pages measured beside sign-ups (plus the workshop taking them, added in the phase).
REGISTRATION_PAGES = [("ceiling (/healthz)", "/healthz"), ("event detail", dict(BENCH_PAGES)["event detail"]),
                      ("all events p1", "/veranstaltungen/"), ("home", "/")]


def _wrk(wrk, lua, url, concurrency, duration) -> dict:
    done = subprocess.run([wrk, "-t2", f"-c{concurrency}", f"-d{duration}s", "--timeout", "30s", "-s", lua, url],
                          check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: wrk failed on {url}: {done.stderr or done.stdout}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def _csrf(base, path) -> tuple[str, str]:
    """A CSRF cookie and a form token that go with it, from the sign-up form (they stay valid for every POST)."""
    import re

    with urllib.request.urlopen(base + path, timeout=30) as page:  # noqa: S310 (local server)
        cookie = next(match.group(1) for header in page.headers.get_all("Set-Cookie")
                      if (match := re.match(r"csrftoken=([^;]+)", header)))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    return cookie, token


def registration_phase(env, args, wrk, script, port):
    """Sign-ups and confirmations per second, and the event pages next to them. Returns (rows, page_rows)."""
    tmp = Path(tempfile.mkdtemp(prefix="familie-portal-bench-registration-"))
    env = {**env, "PORTAL_CACHES": "true", "PORTAL_REGISTRATION_LIMIT_PER_IP": "100000000",
           "PORTAL_REGISTRATION_LIMIT_PER_EMAIL": "100000000"}
    helper = [PYTHON, str(ROOT / "scripts" / "bench_registration.py")]
    pool = max(500, 300 * args.duration)  # enough pending sign-ups for a confirmation run; else they repeat
    data = json.loads(subprocess.run([*helper, "setup", f"--pool={pool}", "--tokens", str(tmp / "solo.txt"),
                                      "--tokens", str(tmp / "beside.txt")], cwd=ROOT, env=env, check=True,
                                     capture_output=True, text=True).stdout.strip().splitlines()[-1])
    base = f"http://127.0.0.1:{port}"
    form = f"/anmeldung/{data['slug']}/"
    pages = [*REGISTRATION_PAGES, ("workshop with sign-up", data["path"])]
    server = start_gunicorn(env, port, args.workers)
    rows, page_rows = [], []
    try:
        cookie, csrf = _csrf(base, form)

        def lua(name, template, *, paced=False, **values):
            path = tmp / f"{name}.lua"
            # Paced: each of the 2 connections waits before its next request, for --registration-rate per second.
            pace = f"function delay() return {2000 // args.registration_rate} end\n" if paced else ""
            path.write_text(template % {"csrf": csrf, "cookie": cookie, "path": form, **values} + pace + WRK_SCRIPT)
            return str(path)

        sign_ups = {run: lua(f"sign-up-{run}", SIGN_UP_LUA, run=run, paced=run == "beside")
                    for run in ("warm", "solo", "beside")}
        confirms = {run: lua(f"confirm-{run}", CONFIRM_LUA, tokens=tmp / f"{run}.txt", paced=run == "beside")
                    for run in ("solo", "beside")}
        _wrk(wrk, sign_ups["warm"], base + form, args.concurrency, 2)  # warm the workers and their connections
        wait_idle(base)
        for name, lua_path in (("sign-ups", sign_ups["solo"]), ("confirmations", confirms["solo"])):
            result = _wrk(wrk, lua_path, base + form, args.concurrency, args.duration)
            rows.append((name, result))
            print(f"  registration {name:22} {result['rps']:8.0f} req/s  p95 {result['p95']:6.1f} ms", flush=True)
            wait_idle(base)
        for name, path in pages:
            alone = measure(wrk, script, base + path, args.concurrency, args.duration)
            beside, background_rates = {}, {}
            for load, lua_path in (("sign-ups", sign_ups["beside"]), ("confirmations", confirms["beside"])):
                background = subprocess.Popen(
                    [wrk, "-t2", "-c2", f"-d{args.duration + 2}s", "--timeout", "30s", "-s", lua_path, base + form],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                time.sleep(1)
                beside[load] = _wrk(wrk, script, base + path, args.concurrency, args.duration)
                out, _ = background.communicate(timeout=args.duration + 60)
                done = json.loads(out.strip().splitlines()[-1])
                background_rates[load] = done["requests"] / done["seconds"]
                beside[load]["errors"] += done["errors"]
                beside[load]["non2xx"] += done["non2xx"]
                wait_idle(base)
            beside["rates"] = background_rates
            page_rows.append((name, path, alone, beside))
            print(f"  registration {name:22} alone {alone['rps']:6.0f} req/s p95 {alone['p95']:6.1f} ms | "
                  f"beside sign-ups {beside['sign-ups']['rps']:6.0f} req/s p95 {beside['sign-ups']['p95']:6.1f} ms | "
                  f"beside confirmations {beside['confirmations']['rps']:6.0f} req/s "
                  f"p95 {beside['confirmations']['p95']:6.1f} ms", flush=True)
        counts = json.loads(subprocess.run([*helper, "counts"], cwd=ROOT, env=env, check=True, capture_output=True,
                                           text=True).stdout.strip().splitlines()[-1])
        print(f"  registration: the date holds {counts['states']} (confirmed count {counts['confirmed']})", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run([*helper, "cleanup"], cwd=ROOT, env=env, check=False, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return rows, page_rows, pool


def print_registration(rows, page_rows, pool, concurrency, rate):
    achieved = [beside["rates"][load] for *_n, beside in page_rows for load in ("sign-ups", "confirmations")]
    print(f"\nRegistration (one date, caches on): sign-ups and confirmations at {concurrency} connections, as fast "
          f"as they go; the pages at {concurrency} connections alone and beside sign-ups or confirmations paced "
          f"at {rate}/s (achieved {min(achieved):.1f}-{max(achieved):.1f}/s)")
    print("| Action | req/s | p50 ms | p95 ms | errors |")
    print("|---|---:|---:|---:|---:|")
    for name, result in rows:
        print(f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
              f"| {result['errors'] + result['non2xx']} |")
    if any(result["requests"] > pool for name, result in rows if name == "confirmations"):
        print(f"(more confirmations than the {pool} prepared sign-ups: the rest confirmed a confirmed one again)")
    print("\n| Page | alone: req/s, p95 | beside sign-ups: req/s (vs. ceiling), p95 | beside confirmations: req/s "
          "(vs. ceiling), p95 | target beside sign-ups |")
    print("|---|---|---|---|---|")
    ceiling = page_rows[0][2]["rps"]
    missed = []
    for name, path, alone, beside in page_rows:
        cells = [f"{alone['rps']:.0f}, {alone['p95']:.1f} ms"]
        for load in ("sign-ups", "confirmations"):
            result = beside[load]
            cells.append(f"{result['rps']:.0f} ({result['rps'] / ceiling:.0%}), {result['p95']:.1f} ms")
        verdict = "-" if path == "/healthz" else _verdict("cached", path, beside["sign-ups"],
                                                          beside["sign-ups"]["rps"] / ceiling)
        if verdict.startswith("missed"):
            missed.append(name)
        print(f"| {name} | {' | '.join(cells)} | {verdict} |")
    print(f"\nregistration targets missed: {', '.join(missed) if missed else 'none'} (the cached phase's targets, "
          "against the ceiling measured alone)")


def proxy_phase(phase, env, args, wrk, script, urls, static_root):
    """nginx in front of two gunicorn servers and Redis; the first row (nginx serving a static file) is
    the ceiling of this phase."""
    for name in ("nginx", "redis-server", "openssl"):
        if not (shutil.which(name) or os.path.exists(f"/usr/sbin/{name}")):
            sys.exit(f"bench: the proxy phase needs {name} (scripts/ensure-services.sh installs it)")
    tmp = Path(tempfile.mkdtemp(prefix="familie-portal-bench-proxy-"))
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)
    redis = support.RedisServer()
    env = {**env, "PORTAL_CACHES": "true", "CACHE_URL": redis.url,
           "PORTAL_PROXY_CACHE_SECONDS": "1" if phase == "microcache" else "0", "ALLOWED_HOSTS": "localhost",
           "SECURE_SSL_REDIRECT": "true", "PORTAL_CLIENT_IP_HEADER": "X-Real-IP"}
    servers, nginx, rows = [], None, []
    try:
        for _ in range(2):
            port = free_port()
            servers.append((port, start_gunicorn(env, port, max(1, args.workers // 2))))
        nginx = support.Nginx(tmp / "nginx", upstreams=[port for port, _ in servers], static_root=static_root,
                              media_root=tmp, cert=cert, key=key)
        css = next(p for p in Path(static_root).rglob("*.css") if len(p.suffixes) > 1 and len(p.suffixes[0]) == 13)
        proxy_urls = [("nginx: static file", "/static/" + css.relative_to(static_root).as_posix()), *urls]
        ceiling = None
        for name, path in proxy_urls:
            result = measure(wrk, script, f"https://localhost:{nginx.https_port}{path}", args.concurrency,
                             args.duration, idle=[f"http://127.0.0.1:{port}" for port, _ in servers])
            ceiling = ceiling or result["rps"]
            rows.append((phase, name, path, result, result["rps"] / ceiling))
            print(f"  {phase:10} {name:22} {result['rps']:8.0f} req/s  p95 {result['p95']:6.1f} ms", flush=True)
    finally:
        if nginx is not None:
            nginx.stop()
        for _, server in servers:
            server.terminate()
            server.wait(timeout=30)
        redis.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def size_phase(args) -> str:
    """scripts/measure_size.py on the database as bench built it; returns its table (printed as it goes).
    The test settings (the test client's host), not bench's production environment."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "familie_portal.settings.test",
           "PORTAL_TEST_MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(ROOT / "var" / "media"))}
    done = subprocess.Popen([PYTHON, str(ROOT / "scripts" / "measure_size.py"), "--no-setup",
                             f"--municipalities={args.municipalities}", f"-n={args.size_requests}"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in done.stdout:
        print(f"  size {line}", end="", flush=True)
        lines.append(line)
    if done.wait() != 0:
        sys.exit("bench: the size phase failed")
    start = next((i for i, line in enumerate(lines) if line.startswith("Size")), len(lines))
    return "\n" + "".join(lines[start:])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=int, default=5, help="seconds per URL")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--profiles", type=int, default=1_000)
    parser.add_argument("--municipalities", type=int, default=396,
                        help="size phase: municipalities onboarded for the full size (396: all of NRW)")
    parser.add_argument("--size-requests", type=int, default=7, help="size phase: requests per page (median)")
    parser.add_argument("--phases", default="cached,uncached,cold,proxy,microcache,registration,size",
                        help="comma-separated subset of the phases")
    parser.add_argument("--registration-rate", type=int, default=10,
                        help="sign-ups or confirmations per second beside the pages (registration phase)")
    parser.add_argument("--only", default="", help="measure only pages whose name contains this text")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("bench: run through scripts/with-postgres.sh (make bench)")
    wrk = ensure_wrk() if set(args.phases.split(",")) - {"size"} else None  # the size phase is in-process

    static_root = tempfile.mkdtemp(prefix="familie-portal-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "familie_portal.settings.production",
        "SECRET_KEY": "bench-only-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy in front here
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }
    print("bench: migrate, demo content, bulk data, collectstatic ...", flush=True)
    run(PYTHON, "manage.py", "migrate", "--noinput", env=env)
    run(PYTHON, "manage.py", "load_demo_content", env=env)
    run(PYTHON, str(ROOT / "scripts" / "bench_data.py"), f"--pages={args.pages}", f"--events={args.events}",
        f"--reports={args.reports}", f"--profiles={args.profiles}", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", env=env)

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    urls = [("ceiling (/healthz)", "/healthz"), *((n, p) for n, p in BENCH_PAGES if args.only in n)]
    rows = []
    phases = [
        ("cached", {"PORTAL_CACHES": "true"}),
        ("uncached", {"PORTAL_CACHES": "true", "PORTAL_PAGE_CACHE": "false"}),
        # django CMS's menu kept as deployed (it is not the portal's cache, and a content change leaves it
        # alone), as the bench before issue 11 measured "cold".
        ("cold", {"PORTAL_CACHES": "false", "PORTAL_MENU_CACHE": "true"}),
        ("proxy", {}),
        ("microcache", {}),
        ("registration", {}),
        ("size", {}),  # last: it onboards the municipalities
    ]
    registration, size = None, ""
    wanted = args.phases.split(",")
    for phase, overrides in [p for p in phases if p[0] in wanted]:
        if phase in ("proxy", "microcache"):
            rows += proxy_phase(phase, env, args, wrk, script.name, urls, static_root)
            continue
        if phase == "registration":
            registration = registration_phase(env, args, wrk, script.name, port)
            continue
        if phase == "size":
            size = size_phase(args)
            continue
        server = start_gunicorn({**env, **overrides}, port, args.workers)
        try:
            ceiling = None
            for name, path in urls:
                result = measure(wrk, script.name, base + path, args.concurrency, args.duration)
                ceiling = ceiling or result["rps"]
                rows.append((phase, name, path, result, result["rps"] / ceiling))
                print(f"  {phase:8} {name:22} {result['rps']:8.0f} req/s  p95 {result['p95']:6.1f} ms", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    os.unlink(script.name)
    shutil.rmtree(static_root, ignore_errors=True)

    print(f"\nfamilie_portal benchmark: gunicorn {args.workers} sync workers, production settings, PostgreSQL, "
          f"wrk {args.concurrency} connections, {args.duration} s per URL, {os.cpu_count()} CPU cores")
    print(f"data: {args.pages} extra pages, events={args.events}, reports={args.reports}, profiles={args.profiles} "
          "(scripts/bench_data.py)\n")
    print("| Phase | Page | URL | req/s | p50 ms | p95 ms | vs. ceiling | errors | target |")
    print("|---|---|---|---:|---:|---:|---:|---:|---|")
    missed = []
    for phase, name, path, result, ratio in rows:
        errors = result["errors"] + result["non2xx"]
        verdict = _verdict(phase, path, result, ratio)
        if verdict.startswith("missed"):
            missed.append(f"{phase} {name}")
        print(f"| {phase} | {name} | `{path}` | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
              f"| {ratio:.0%} | {errors} | {verdict} |")
    print(f"\ntargets missed: {', '.join(missed) if missed else 'none'}")
    failed = any(result["errors"] or result["non2xx"] for *_r, result, _ in rows)
    if size:
        print(size, end="")
    if registration is not None:
        print_registration(*registration, args.concurrency, args.registration_rate)
        reg_rows, page_rows, _ = registration
        results = [r for _, r in reg_rows]
        results += [r for *_n, alone, b in page_rows for r in (alone, b["sign-ups"], b["confirmations"])]
        failed = failed or any(result["errors"] or result["non2xx"] for result in results)
    if failed:
        sys.exit("bench: some requests failed")


if __name__ == "__main__":
    main()
