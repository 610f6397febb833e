"""Public pages under concurrent load with gunicorn, beside a trivial view on the same server.

Run on the synthetic data set, with Redis as the cache (the pages read aggregates from it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
    REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python manage.py generate_synthetic            # once: 100,000 contracts …
    DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/public_pages.py

It starts gunicorn on 127.0.0.1 (sync workers, DEBUG off), then for /healthz/ (trivial), the
home page, a province page and a list page sends a bounded number of requests (--requests,
at most --seconds each) from --concurrency connections of an asyncio client, and prints
requests per second, latency percentiles and the ratio to the trivial view ("warm": the
aggregates and rendered bodies are in the cache).

"Cold" then bumps the cache version before every request (and waits out the workers'
in-process tier, VERSION_RECHECK), so each one recomputes its aggregates, and compares the median page time with the time PostgreSQL alone takes to run the
same aggregate statements (captured from the page's own selector and replayed with psycopg2,
no ORM, no Python work). All traffic stays on 127.0.0.1; gunicorn is stopped at the end.
"""

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.public import selectors  # noqa: E402
from apps.public.cache import VERSION_RECHECK, bump_version  # noqa: E402
from apps.public.weight import page_weight  # noqa: E402
from apps.regions.models import Province  # noqa: E402

HOST = "127.0.0.1"


async def fetch(port, path):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n"
        "Accept-Encoding: identity\r\n\r\n".encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data[9:12]), len(data)


async def fetch_body(port, path):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
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


def start_gunicorn(port, workers):
    log = open(ROOT / "bench" / "results" / "gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "tsinghua_coop.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--backlog",
            "2048",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=log,
        start_new_session=True,
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
    process.wait(timeout=30)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000, help="per page, at most")
    parser.add_argument("--seconds", type=float, default=15, help="per page, at most")
    parser.add_argument("--cold-rounds", type=int, default=7)
    parser.add_argument("--province", default="320000")
    parser.add_argument("--list", default="/projects/?province=320000")
    args = parser.parse_args()

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        print("warning: no REDIS_URL, the cache is per-process local memory", file=sys.stderr)
    contracts = Contract.objects.count()
    print(f"data: {contracts:,} contracts; cache: {settings.CACHES['default']['BACKEND']}")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    pages = {
        "trivial /healthz/": "/healthz/",
        "home /": "/",
        f"province /regions/{args.province}/": f"/regions/{args.province}/",
        f"list {args.list}": args.list,
    }
    process = start_gunicorn(args.port, args.workers)
    try:
        html = asyncio.run(fetch_body(args.port, "/"))
        print(
            "\nhome page weight (what a browser loads; gzip -9 as a compressing proxy serves it):"
        )
        total = total_compressed = 0
        for name, size, compressed in page_weight(html):
            total, total_compressed = total + size, total_compressed + compressed
            print(f"  {name:40} {size / 1024:8.1f} KB {compressed / 1024:8.1f} KB gzip")
        print(f"  {'total':40} {total / 1024:8.1f} KB {total_compressed / 1024:8.1f} KB gzip")

        for path in pages.values():  # warm the cache and every worker's imports
            for _ in range(args.workers * 2):
                asyncio.run(fetch(args.port, path))
        print(
            f"\nwarm cache: gunicorn {args.workers} sync workers, {args.concurrency} connections, "
            f"≤{args.requests} requests or ≤{args.seconds:.0f} s per page"
        )
        print(f"{'page':44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'ratio':>6}")
        trivial = None
        for name, path in pages.items():
            result = asyncio.run(
                load(
                    args.port,
                    path,
                    requests=args.requests,
                    seconds=args.seconds,
                    concurrency=args.concurrency,
                )
            )
            trivial = trivial or result["rps"]
            print(
                f"{name:44} {result['rps']:8.0f} {result['p50']:8.1f} {result['p95']:8.1f} "
                f"{result['errors']:7d} {result['rps'] / trivial:6.2f}"
            )

        province = Province.objects.get(code=args.province)
        print(f"\ncold cache (version bumped before each request), median of {args.cold_rounds}:")
        print(f"{'page':44} {'page ms':>8} {'SQL ms':>8} {'stmts':>6} {'× SQL':>6}")
        for name, path, compute in [
            ("home /", "/", selectors.home_overview),
            (
                f"province /regions/{args.province}/",
                f"/regions/{args.province}/",
                lambda: selectors.province_overview(province),
            ),
        ]:
            page_ms = cold_page_ms(args.port, path, args.cold_rounds)
            sql_ms, statements = replayed_sql_ms(compute, args.cold_rounds)
            print(f"{name:44} {page_ms:8.1f} {sql_ms:8.1f} {statements:6d} {page_ms / sql_ms:6.2f}")
    finally:
        stop(process)
        bump_version()


if __name__ == "__main__":
    main()
