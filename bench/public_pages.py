"""Public pages under concurrent load with gunicorn, beside a trivial view on the same server.

Run on the synthetic data set, with Redis as the cache (the pages read aggregates from it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
    REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python manage.py generate_synthetic            # once: 100,000 contracts …
    DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/public_pages.py

It runs under the production profile (bench/production.py: DJANGO_ENV=production, collectstatic's
manifest storage served by WhiteNoise, the proxy's X-Forwarded-Proto on every request) and starts
gunicorn on 127.0.0.1 (threaded workers as in production, the repository's gunicorn.conf.py),
then for every row of issue 13's table (the trivial /healthz/, cached home, province, city and
list pages, a list with an unknown parameter, search for 汽车 / automotive / a rare word, the
API's contracts list and its page 100 (following the cursor), projects by province, stats by
province and the summary, /api/schema/) sends a bounded number of requests (--requests, at
most --seconds each) from --concurrency connections of an asyncio client, and prints requests
per second, latency percentiles and the ratio to the trivial view.

"Mixed" then runs --mixed-seconds of load from --mixed-connections connections, each request
drawn from all those paths, and prints p50/p95 per class (cached pages, uncached pages, search,
API): cached pages must not queue behind slow ones.

"Cold" then bumps the cache version before every request (and waits out the workers'
in-process tier, VERSION_RECHECK), so each one recomputes its aggregates, and compares the median page time with the time PostgreSQL alone takes to run the
same aggregate statements (captured from the page's own selector and replayed with psycopg2,
no ORM, no Python work).

"Saved" commits a real change (one contract's updated_at) and times the page's first request
after it (served from the previous figures while a Celery worker on the "figures" queue, started
here, rebuilds the summary tables), the rebuild, and the first request after the rebuild.

"Stampede" bumps the version once and sends --stampede simultaneous requests for the home
page, then reports their latencies and the database time they cost (pg_stat_database's
active_time, which counts every backend's statement time) beside one lone cold rebuild's:
their ratio is the number of rebuilds. All traffic stays on 127.0.0.1; gunicorn is stopped at
the end.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.production import collect_static, use_production_profile  # noqa: E402

use_production_profile()

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.core.pagecache import VERSION_RECHECK, bump_version  # noqa: E402
from apps.figures.models import Build, PendingChange  # noqa: E402
from apps.public import selectors  # noqa: E402
from apps.public.weight import page_weight  # noqa: E402
from apps.regions.models import Province  # noqa: E402

HOST = "127.0.0.1"
# What the TLS-terminating proxy adds to every request in production (SECURE_PROXY_SSL_HEADER):
# without it the production profile answers each request with a redirect to https.
PROXY_HEADERS = "X-Forwarded-Proto: https\r\n"


async def fetch(port, path):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n"
        f"Accept-Encoding: identity\r\n{PROXY_HEADERS}\r\n".encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data[9:12]), len(data)


async def fetch_body(port, path):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n"
        f"Accept-Encoding: identity\r\n{PROXY_HEADERS}\r\n".encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    return data.split(b"\r\n\r\n", 1)[1].decode()


async def load(port, path, *, requests, seconds, concurrency):
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds
    remaining = requests

    async def worker():
        nonlocal remaining, errors
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            started = time.perf_counter()
            status, _size = await fetch(port, path)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": sorted(latencies)[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
    }


def spawn(program, arguments, log_name):
    """One of the virtualenv's programs in its own session, its output in bench/results/."""
    log = open(ROOT / "bench" / "results" / log_name, "w")  # noqa: SIM115
    return subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / program), *arguments],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )


def start_gunicorn(port, workers, worker_class, threads):
    process = spawn(
        "gunicorn",
        ["tsinghua_coop.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
        + ["--worker-class", worker_class, "--threads", str(threads), "--backlog", "2048"],
        "gunicorn.log",
    )
    for _ in range(200):
        try:
            if asyncio.run(fetch(port, "/healthz/"))[0] == 200:
                return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start; see bench/results/gunicorn.log")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def replayed_sql_ms(compute, rounds):
    """PostgreSQL's own time for the statements ``compute`` issues, replayed without the ORM."""
    bump_version()  # nothing cached: capture every statement the page's aggregates need
    with translation.override(settings.LANGUAGE_CODE), CaptureQueriesContext(connection) as q:
        compute()
    statements = [query["sql"] for query in q.captured_queries]
    db = settings.DATABASES["default"]
    raw = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"],
    )
    timings = []
    with raw, raw.cursor() as cursor:
        for _ in range(rounds):
            started = time.perf_counter()
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    raw.close()
    return statistics.median(timings), len(statements)


def cold_page_ms(port, path, rounds):
    timings = []
    for _ in range(rounds):
        bump_version()
        time.sleep(VERSION_RECHECK + 0.1)  # every worker's own tier has read the new version
        started = time.perf_counter()
        status, _size = asyncio.run(fetch(port, path))
        timings.append((time.perf_counter() - started) * 1000)
        assert status == 200, (path, status)
    return statistics.median(timings)


def start_celery_worker():
    """A Celery worker on the figures' queue, as in production: after a change the pages are
    served from the previous figures while it rebuilds them."""
    return spawn(
        "celery",
        ["-A", "tsinghua_coop", "worker", "-Q", "figures,exports", "--concurrency", "1"]
        + ["--loglevel", "INFO"],
        "celery.log",
    )


def after_a_saved_contract(port, path, rounds):
    """A real write (one contract's ``updated_at``, committed), then the page: the first
    request after it, the worker's rebuild of the figures, the first request after that."""
    first, rebuild, after = [], [], []
    contract_id = Contract.objects.order_by("pk").values_list("pk", flat=True).first()
    for _ in range(rounds):
        before = Build.objects.order_by("-pk").values_list("pk", flat=True).first()
        Contract.objects.filter(pk=contract_id).update(updated_at=timezone.now())
        time.sleep(VERSION_RECHECK + 0.1)
        started = time.perf_counter()
        status, _size = asyncio.run(fetch(port, path))
        first.append((time.perf_counter() - started) * 1000)
        assert status == 200, (path, status)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            build = Build.objects.order_by("-pk").first()
            if build.pk != before and not PendingChange.objects.exists():
                break
            time.sleep(0.2)
        else:
            raise SystemExit("the worker did not rebuild the figures in 120 s")
        rebuild.append(build.seconds * 1000)
        time.sleep(VERSION_RECHECK + 0.1)
        started = time.perf_counter()
        status, _size = asyncio.run(fetch(port, path))
        after.append((time.perf_counter() - started) * 1000)
    return statistics.median(first), statistics.median(rebuild), statistics.median(after)


def api_page_path(port, path, page):
    """The URL of a list's page ``page`` (1-based), following the cursor from the first."""
    for _ in range(page - 1):
        body = json.loads(asyncio.run(fetch_body(port, path)))
        link = urlsplit(body["next"])
        path = f"{link.path}?{link.query}"
    return path


# Never asked before, so no cache holds them: a search word (a real word of the data, and a
# year to make it new) or an API list filtered by province, year and kind.
UNCACHED = "never asked before (search, API filter)"
SEARCH_WORDS = ["汽车", "电池", "芯片", "automotive", "battery", "水处理", "材料", "energy"]
CONTRACT_KINDS = ["development", "transfer", "consulting", "service"]


def never_asked(chooser, provinces, serial):
    if chooser.random() < 0.5:
        word = chooser.choice(SEARCH_WORDS)
        return f"/search/?q={word}+{serial}"
    province = chooser.choice(provinces)
    year = chooser.randint(1995, 2026)
    kind = chooser.choice(CONTRACT_KINDS)
    return f"/api/v1/contracts/?province={province}&year={year}&kind={kind}&page_size={10 + serial % 40}"


async def mixed(port, classes, *, seconds, concurrency, uncached_share=0.0, provinces=()):
    """Requests drawn at random from every class's paths (and, with ``uncached_share``, that
    share of requests never asked before); latencies kept per class."""
    latencies = {name: [] for name in classes}
    if uncached_share:
        latencies[UNCACHED] = []
    choices = [(name, path) for name, paths in classes.items() for path in paths]
    deadline = time.perf_counter() + seconds
    errors = 0
    serial = iter(range(10**9))

    async def worker(seed):
        nonlocal errors
        chooser = random.Random(seed)
        while time.perf_counter() < deadline:
            if uncached_share and chooser.random() < uncached_share:
                name, path = UNCACHED, never_asked(chooser, provinces, next(serial))
            else:
                name, path = chooser.choice(choices)
            started = time.perf_counter()
            status, _size = await fetch(port, path)
            latencies[name].append(time.perf_counter() - started)
            errors += status != 200

    started = time.perf_counter()
    await asyncio.gather(*(worker(seed) for seed in range(concurrency)))
    return latencies, time.perf_counter() - started, errors


# The mixed load from wrk (Debian's package): a C client on epoll costs the two cores a small
# fraction of what the asyncio client does, so the server gets the CPU it would have with its
# visitors on other machines. wrk reports latencies per process, so each class of requests gets
# its own wrk, all started together; a class's connections are its share of the paths (as the
# asyncio client draws paths uniformly), each connection keeps its TCP connection alive as a
# browser does, and sends its next request when the last is answered (a closed loop).
WRK_SCRIPT = """
local paths = {%(paths)s}
local words = {%(words)s}
local provinces = {%(provinces)s}
local kinds = {%(kinds)s}
local never_asked = %(never_asked)s
local serial = 0
math.randomseed(%(seed)d)
request = function()
  local path
  if never_asked then
    serial = serial + 1
    if math.random() < 0.5 then
      path = "/search/?q=" .. words[math.random(#words)] .. "+" .. %(seed)d .. "x" .. serial
    else
      path = "/api/v1/contracts/?province=" .. provinces[math.random(#provinces)]
        .. "&year=" .. math.random(1995, 2026) .. "&kind=" .. kinds[math.random(#kinds)]
        .. "&page_size=" .. (10 + serial %% 40) .. "&x=" .. %(seed)d
    end
  else
    path = paths[math.random(#paths)]
  end
  return wrk.format("GET", path, {["X-Forwarded-Proto"] = "https"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.duration / 1e6))
end
"""


def _lua_strings(values):
    return ", ".join(f'"{quote(str(value), safe="/?=&+%")}"' for value in values)


def _connections_per_class(classes, connections, uncached_share):
    """{class: connections}, in proportion to each class's paths, every class at least one."""
    never = max(1, round(connections * uncached_share)) if uncached_share else 0
    total_paths = sum(len(paths) for paths in classes.values())
    shares = {
        name: max(1, round((connections - never) * len(paths) / total_paths))
        for name, paths in classes.items()
    }
    first = next(iter(shares))
    shares[first] += connections - never - sum(shares.values())
    if never:
        shares[UNCACHED] = never
    return shares


def mixed_wrk(port, classes, *, seconds, connections, uncached_share=0.0, provinces=()):
    """The mixed load from one wrk per class; {class: (requests, errors, p50 ms, p95 ms)}, and
    the requests per second of all together."""
    shares = _connections_per_class(classes, connections, uncached_share)
    processes = {}
    with tempfile.TemporaryDirectory() as folder:
        for seed, (name, count) in enumerate(shares.items(), start=1):
            script = Path(folder) / f"class{seed}.lua"
            script.write_text(
                WRK_SCRIPT
                % {
                    "paths": _lua_strings(classes.get(name, ["/"])),
                    "words": _lua_strings(SEARCH_WORDS),
                    "provinces": _lua_strings(provinces or ["110000"]),
                    "kinds": _lua_strings(CONTRACT_KINDS),
                    "never_asked": "true" if name == UNCACHED else "false",
                    "seed": seed,
                }
            )
            processes[name] = subprocess.Popen(
                ["wrk", "-t1", f"-c{count}", f"-d{seconds:.0f}s", "--timeout", "20s"]
                + ["-s", str(script), f"http://{HOST}:{port}/"],
                stdout=subprocess.PIPE,
                text=True,
            )
        results, rate = {}, 0.0
        for name, process in processes.items():
            output, _ = process.communicate(timeout=seconds + 60)
            line = next(line for line in output.splitlines() if line.startswith("RESULT "))
            requests, errors, p50, p95, duration = line.split()[1:]
            results[name] = (int(requests), int(errors), float(p50), float(p95), shares[name])
            rate += int(requests) / float(duration)
    return results, rate


def load_wrk(port, path, *, seconds, concurrency):
    """One path from wrk (keep-alive, ``concurrency`` connections, one thread) for ``seconds``."""
    result, rate = mixed_wrk(port, {"path": [path]}, seconds=seconds, connections=concurrency)
    requests, errors, p50, p95, _count = result["path"]
    return {"requests": requests, "rps": rate, "p50": p50, "p95": p95, "errors": errors}


def database_active():
    """(milliseconds this database's backends have spent running statements, transactions
    they have ended) (PostgreSQL 14+); a busy backend reports them within a second, an idle
    one within ten: wait them out. Every statement of a page's build is its own transaction
    (autocommit), and a request served the previous page runs none: the transactions count
    the builds more steadily than the milliseconds, which are a few dozen either way."""
    time.sleep(11)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT active_time, xact_commit + xact_rollback FROM pg_stat_database"
            " WHERE datname = current_database()"
        )
        return cursor.fetchone()


# Between two readings: the earlier reading's SELECT and the later one's snapshot clearing.
OWN_TRANSACTIONS = 2


def stampede(port, path, simultaneous):
    bump_version()
    time.sleep(VERSION_RECHECK + 0.1)
    before_ms, before_count = database_active()
    asyncio.run(fetch(port, path))
    after_ms, after_count = database_active()
    lone = after_ms - before_ms
    lone_count = after_count - before_count - OWN_TRANSACTIONS

    async def together():
        async def one():
            started = time.perf_counter()
            status, _size = await fetch(port, path)
            return status, time.perf_counter() - started

        return await asyncio.gather(*(one() for _ in range(simultaneous)))

    bump_version()
    time.sleep(VERSION_RECHECK + 0.1)
    before_ms, before_count = database_active()
    results = asyncio.run(together())
    after_ms, after_count = database_active()
    spent = after_ms - before_ms
    count = after_count - before_count - OWN_TRANSACTIONS
    latencies = sorted(elapsed * 1000 for _status, elapsed in results)
    return {
        "lone_db_ms": lone,
        "db_ms": spent,
        "lone_transactions": lone_count,
        "transactions": count,
        "rebuilds": count / lone_count if lone_count else float("nan"),
        "p50": statistics.median(latencies),
        "max": latencies[-1],
        "errors": sum(status != 200 for status, _elapsed in results),
    }


def print_row(name, result, trivial):
    print(
        f"{name:52} {result['rps']:8.1f} {result['p50']:8.1f} {result['p95']:8.1f} "
        f"{result['errors']:7d} {result['rps'] / trivial:6.3f}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--worker-class", default="gthread", help="gunicorn's: gthread (gunicorn.conf.py's) or sync"
    )
    parser.add_argument("--threads", type=int, default=16, help="per worker (gunicorn.conf.py: 16)")
    parser.add_argument(
        "--uncached-share",
        type=float,
        default=0.1,
        help="mixed load: share of requests no cache can answer (a search word or an API "
        "filter not asked before); 0 keeps the mix to the table's paths",
    )
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000, help="per path, at most")
    parser.add_argument("--seconds", type=float, default=12, help="per path, at most")
    parser.add_argument(
        "--rounds", type=int, default=3, help="per path: turns of the trivial view and the path"
    )
    parser.add_argument("--cold-rounds", type=int, default=7)
    parser.add_argument("--mixed-seconds", type=float, default=60)
    parser.add_argument("--mixed-connections", type=int, default=50)
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="the per-path and mixed loads' client: wrk (a C client, keep-alive; Debian's "
        "wrk) or this script's asyncio client (a new connection per request)",
    )
    parser.add_argument("--stampede", type=int, default=16)
    parser.add_argument("--province", default="320000")
    parser.add_argument("--city", default="320500")
    parser.add_argument("--rare-word", default="傈僳族")
    parser.add_argument(
        "--only", default="", help="comma-separated parts: paths,mixed,cold,saved,stampede"
    )
    args = parser.parse_args()
    parts = (
        set(args.only.split(",")) if args.only else {"paths", "mixed", "cold", "saved", "stampede"}
    )

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        print("warning: no REDIS_URL, the cache is per-process local memory", file=sys.stderr)
    contracts = Contract.objects.count()
    loadavg = os.getloadavg()
    print(
        f"data: {contracts:,} contracts; cache: {settings.CACHES['default']['BACKEND']}; "
        f"load average {loadavg[0]:.1f} {loadavg[1]:.1f} {loadavg[2]:.1f} on {os.cpu_count()} cores"
    )
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    print(f"collectstatic (production storage): {collect_static():.1f} s")
    province, city = args.province, args.city
    cached = {
        "cached home /": "/",
        f"cached province /regions/{province}/": f"/regions/{province}/",
        f"cached city /cities/{city}/": f"/cities/{city}/",
        f"cached list /projects/?province={province}": f"/projects/?province={province}",
        "cached list /events/": "/events/",
    }
    uncached = {
        "list with an unknown parameter": f"/projects/?province={province}&utm_source=x",
    }
    search = {
        "search 汽车": "/search/?q=汽车",
        "search automotive": "/search/?q=automotive",
        f"search rare word {args.rare_word}": f"/search/?q={args.rare_word}",
    }
    process = start_gunicorn(args.port, args.workers, args.worker_class, args.threads)
    worker = start_celery_worker()
    try:
        api = {
            "API contracts list": "/api/v1/contracts/",
            "API contracts page 100 (cursor)": api_page_path(args.port, "/api/v1/contracts/", 100),
            "API projects by province": f"/api/v1/projects/?province={province}",
            "API stats by province": "/api/v1/stats/contracts/?group_by=province",
            "API stats summary": "/api/v1/stats/summary/",
            "API schema /api/schema/": "/api/schema/",
        }
        html = asyncio.run(fetch_body(args.port, "/"))
        print(
            "\nhome page weight (what a browser loads; gzip -9 as a compressing proxy serves it):"
        )
        total = total_compressed = 0
        try:
            for name, size, compressed in page_weight(html):
                total, total_compressed = total + size, total_compressed + compressed
                print(f"  {name:40} {size / 1024:8.1f} KB {compressed / 1024:8.1f} KB gzip")
            print(f"  {'total':40} {total / 1024:8.1f} KB {total_compressed / 1024:8.1f} KB gzip")
        except FileNotFoundError as missing:
            print(f"  not measured: {missing} is not built (npm ci)")

        classes = {"cached pages": cached, "uncached pages": uncached, "search": search, "API": api}
        every = {name: path for paths in classes.values() for name, path in paths.items()}
        for path in ["/healthz/", *every.values()]:  # warm the cache and every worker
            for _ in range(args.workers * 2):
                asyncio.run(fetch(args.port, path))

        if "paths" in parts:
            if args.client == "wrk":
                client = f"wrk (keep-alive), {args.seconds:.0f} s per path"
            else:
                client = (
                    f"asyncio (a connection per request), ≤{args.requests} requests or "
                    f"≤{args.seconds:.0f} s per path"
                )
            print(
                f"\nper path: gunicorn {args.workers} {args.worker_class} workers "
                f"× {args.threads} threads, {args.concurrency} connections from {client}; "
                "ratio = req/s ÷ /healthz/'s req/s measured just before"
            )
            print(
                f"{'path':52} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'ratio':>6}"
            )

            def measure(path, seconds):
                if args.client == "wrk":
                    return load_wrk(args.port, path, seconds=seconds, concurrency=args.concurrency)
                return asyncio.run(
                    load(
                        args.port,
                        path,
                        requests=args.requests,
                        seconds=seconds,
                        concurrency=args.concurrency,
                    )
                )

            for name, path in every.items():
                # The trivial view and the path take turns (--rounds), so a change in the
                # machine's speed during the run moves both; the ratio is the median of the
                # rounds' ratios, the path's figures those of its median round.
                rounds = []
                for _ in range(args.rounds):
                    trivial = measure("/healthz/", args.seconds / args.rounds / 2)
                    result = measure(path, args.seconds / args.rounds)
                    rounds.append((result["rps"] / trivial["rps"], result, trivial))
                rounds.sort(key=lambda turn: turn[0])
                _ratio, result, trivial = rounds[len(rounds) // 2]
                print_row(name, result, trivial["rps"])
            print_row("trivial /healthz/ (last round)", trivial, trivial["rps"])

        mix = {name: list(paths.values()) for name, paths in classes.items()}
        provinces = list(Province.objects.values_list("code", flat=True))
        if "mixed" in parts and args.client == "wrk":
            results, rate = mixed_wrk(
                args.port,
                mix,
                seconds=args.mixed_seconds,
                connections=args.mixed_connections,
                uncached_share=args.uncached_share,
                provinces=provinces,
            )
            print(
                f"\nmixed (wrk, keep-alive): {args.mixed_seconds:.0f} s, "
                f"{args.mixed_connections} connections, {args.uncached_share:.0%} never asked "
                f"before, gunicorn {args.workers} {args.worker_class} workers × {args.threads} "
                f"threads: {rate:.1f} req/s, {sum(r[1] for r in results.values())} errors"
            )
            print(f"{'class':52} {'conns':>5} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
            for name, (requests, _errors, p50, p95, count) in results.items():
                print(f"{name:52} {count:5d} {requests:8d} {p50:8.1f} {p95:8.1f}")
        elif "mixed" in parts:
            latencies, elapsed, errors = asyncio.run(
                mixed(
                    args.port,
                    mix,
                    seconds=args.mixed_seconds,
                    concurrency=args.mixed_connections,
                    uncached_share=args.uncached_share,
                    provinces=provinces,
                )
            )
            total = sum(len(values) for values in latencies.values())
            print(
                f"\nmixed: {args.mixed_seconds:.0f} s, {args.mixed_connections} connections, "
                f"{args.uncached_share:.0%} never asked before, gunicorn {args.workers} "
                f"{args.worker_class} workers × {args.threads} threads: "
                f"{total / elapsed:.1f} req/s, {errors} errors"
            )
            print(f"{'class':52} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
            for name, values in latencies.items():
                values.sort()
                print(
                    f"{name:52} {len(values):8d} {statistics.median(values) * 1000:8.1f} "
                    f"{values[int(len(values) * 0.95) - 1] * 1000:8.1f}"
                )

        if "cold" in parts:
            province_record = Province.objects.get(code=province)
            print(
                f"\ncold cache (version bumped before each request), median of {args.cold_rounds}:"
            )
            print(f"{'page':52} {'page ms':>8} {'SQL ms':>8} {'stmts':>6} {'× SQL':>6}")
            for name, path, compute in [
                ("home /", "/", selectors.home_overview),
                (
                    f"province /regions/{province}/",
                    f"/regions/{province}/",
                    lambda: selectors.province_overview(province_record),
                ),
            ]:
                page_ms = cold_page_ms(args.port, path, args.cold_rounds)
                sql_ms, statements = replayed_sql_ms(compute, args.cold_rounds)
                print(
                    f"{name:52} {page_ms:8.1f} {sql_ms:8.1f} {statements:6d} "
                    f"{page_ms / sql_ms:6.2f}"
                )

        if "saved" in parts:
            print(
                f"\nafter one saved contract (median of {args.cold_rounds}; the figures' "
                "worker rebuilds the summary tables meanwhile):"
            )
            print(f"{'page':52} {'first ms':>9} {'rebuild ms':>11} {'then ms':>8}")
            for name, path in [
                ("home /", "/"),
                (f"province /regions/{province}/", f"/regions/{province}/"),
            ]:
                first, rebuild, after = after_a_saved_contract(args.port, path, args.cold_rounds)
                print(f"{name:52} {first:9.1f} {rebuild:11.1f} {after:8.1f}")

        if "stampede" in parts:
            result = stampede(args.port, "/", args.stampede)
            print(
                f"\nstampede: {args.stampede} simultaneous requests for / after one change: "
                f"p50 {result['p50']:.0f} ms, slowest {result['max']:.0f} ms, "
                f"{result['errors']} errors; {result['transactions']} database transactions "
                f"against {result['lone_transactions']} for one lone rebuild ≈ "
                f"{result['rebuilds']:.1f} rebuilds (database time {result['db_ms']:.0f} ms "
                f"against {result['lone_db_ms']:.0f} ms)"
            )
    finally:
        stop(process)
        stop(worker)
        bump_version()


if __name__ == "__main__":
    main()
