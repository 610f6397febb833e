"""Never-asked requests and anonymous downloads under the production profile (issue 24).

How to run it (after ``migrate``, ``load_geography`` and ``generate_synthetic`` in that
database; the 1M set: ``generate_synthetic --contracts 1000000``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench100k \\
    REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/never_asked.py            # --only inprocess,paths,downloads,mixed

It needs ``npm ci && npm run build`` (collectstatic collects the built map and charts) and
Debian's ``wrk``. The production profile (bench/production.py): ``DJANGO_ENV=production``, so
DEBUG is off and static files are collectstatic's hashed, compressed copies from the manifest,
served by WhiteNoise; ``SECURE_SSL_REDIRECT`` stays on and every request carries the proxy's
``X-Forwarded-Proto: https`` (``SECURE_PROXY_SSL_HEADER``). gunicorn starts with the
repository's gunicorn.conf.py (4 gthread workers × 16 threads), with a Celery worker on the
``figures`` and ``exports`` queues as in production (it writes the prebuilt downloads).

"Never asked" means a distinct address on every request, made of real filter values (the
caches key on the canonical query, so an unknown parameter would only hit the cache):
two words of the search index, province × year × kind, a city with data (small ones too) ×
the orderings the API offers, search words, a stats grouping × a non-regional filter, page N
of every public list. Each kind's addresses are drawn from a shuffled list and never reused;
a row that ran out of addresses says how many it repeated.

Parts (``--only``):
  inprocess  --samples never-asked requests of each kind in this process (Django's test
             client, after one to warm it): median and slowest time, the slowest one's SQL
             statements and SQL time, its slowest statement (--explain-each: its plan), and the
             EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of all; every anonymous
             download, with its size;
  paths      per row, /healthz/ and the row's requests take turns (--rounds), 16 connections
             from wrk, ratio = req/s ÷ /healthz/'s; cached pages, never-asked kinds, downloads;
  downloads  16 concurrent downloads while one connection measures /healthz/'s p50, against
             its p50 alone just before;
  mixed      50 connections, 10 % never asked: p50/p95 of the cached and the never-asked.
The load average is printed before each part: the machine is shared.
"""

import argparse
import itertools
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The production profile and django.setup(), before any model is imported.
from bench import public_pages as bench  # noqa: E402

# isort: split
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.core.filters import CodeMultipleChoiceFilter, YearFilter  # noqa: E402
from apps.core.registry import registry  # noqa: E402
from apps.public.pages import public_pages  # noqa: E402
from apps.regions.models import Province  # noqa: E402
from apps.search.models import SearchEntry  # noqa: E402

HOST = bench.HOST
# Filters that pick a region or one named record: the summary tables answer regions, and a
# record's own filter is not what a visitor browsing the figures picks.
NOT_ASKED_BY = {
    "province",
    "city",
    "organization",
    "agreement",
    "office",
    "partner",
    "government",
    "assignee",
    "assigned_office",
    "is_public",
    "is_illustrative",
}
API_ORDERINGS = ["", "signed_on", "-signed_on", "number", "-number", "end_on", "-end_on"]
LIST_PAGE_SIZE = 20
# Addresses a wrk run is given; a run sending more repeats them (and says so).
SLICE = 6000

WRK_LUA = """
local paths = {%(paths)s}
local headers = {["X-Forwarded-Proto"] = "https"}
sent = 0
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
request = function()
  sent = sent + 1
  return wrk.format("GET", paths[((sent - 1) %% #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sent")
  end
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f %%d\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.duration / 1e6, total))
end
"""


@dataclass
class Source:
    """A row's addresses: a fixed rotation (cached pages, downloads), or never-asked ones,
    each used once (``cursor``); ``repeated`` counts requests sent after they ran out."""

    name: str
    paths: list
    never_asked: bool = True
    cursor: int = 0
    repeated: int = 0

    def slice(self):
        if not self.never_asked:
            return self.paths
        rest = self.paths[self.cursor :] or self.paths
        return rest[:SLICE]

    def consumed(self, sent):
        if not self.never_asked:
            return
        fresh = max(0, len(self.paths) - self.cursor)
        self.repeated += max(0, sent - fresh)
        self.cursor += sent

    def reserve(self, count):
        taken = self.slice()[:count]
        self.consumed(len(taken))
        return taken


def _lua_string(path):
    return '"' + quote(path, safe="/?=&+%-_.,~:") + '"'


def start_wrk(port, paths, *, seconds, connections, folder):
    script = Path(folder) / f"run{time.monotonic_ns()}.lua"
    script.write_text(WRK_LUA % {"paths": ", ".join(_lua_string(p) for p in paths)})
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s"]
        + ["-s", str(script), f"http://{HOST}:{port}/"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_wrk(process, seconds):
    output, _ = process.communicate(timeout=seconds + 120)
    line = next((x for x in output.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk failed:\n{output}")
    requests, errors, p50, p95, duration, sent = line.split()[1:]
    return {
        "requests": int(requests),
        "errors": int(errors),
        "p50": float(p50),
        "p95": float(p95),
        "rps": int(requests) / float(duration),
        "sent": int(sent),
    }


def run(port, source, *, seconds, connections):
    with tempfile.TemporaryDirectory(prefix="bench-never-") as folder:
        process = start_wrk(
            port, source.slice(), seconds=seconds, connections=connections, folder=folder
        )
        result = finish_wrk(process, seconds)
    source.consumed(result["sent"])
    return result


def load_average():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"


# --- the never-asked addresses, from the data ------------------------------------------------


def search_words(chooser, count=240):
    """Real words of the search index's titles: the commoner ones (they find records)."""
    counts = {}
    titles = SearchEntry.objects.filter(is_public=True).values_list("terms_title", flat=True)
    sample = list(titles.order_by("?")[:3000]) if SearchEntry.objects.exists() else []
    for terms in sample:
        for word in set(terms.split()):
            if len(word) >= 2 and not word.isdigit() and "-" not in word:
                counts[word] = counts.get(word, 0) + 1
    common = sorted(counts, key=lambda word: -counts[word])[:count]
    chooser.shuffle(common)
    return common, sample


def search_pairs(chooser, words, titles):
    """Two words a visitor might type: pairs from one title first, then any two."""
    known = set(words)
    pairs = set()
    for terms in titles:
        present = sorted({word for word in terms.split() if word in known})
        pairs.update(itertools.combinations(present, 2))
    pairs.update(itertools.combinations(sorted(words), 2))
    ordered = sorted(pairs)
    chooser.shuffle(ordered)
    return [f"/search/?{urlencode({'q': f'{a} {b}'})}" for a, b in ordered]


def contract_years():
    span = Contract.objects.aggregate(first=Min("signed_on"), last=Max("signed_on"))
    if span["first"] is None:
        return [2020]
    return list(range(span["first"].year, span["last"].year + 1))


def api_filtered(chooser, years):
    provinces = list(
        Contract.objects.order_by()
        .values_list("province__code", flat=True)
        .distinct()
        .exclude(province=None)
    )
    kinds = [value for value, _label in Contract._meta.get_field("kind").choices]
    kind_sets = [[kind] for kind in kinds] + [
        list(pair) for pair in itertools.combinations(kinds, 2)
    ]
    paths = [
        "/api/v1/contracts/?"
        + urlencode([("province", province), ("year", year)] + [("kind", k) for k in kind_set])
        for province in provinces
        for year in years
        for kind_set in kind_sets
    ]
    chooser.shuffle(paths)
    return paths


def cities_with_contracts():
    """{prefecture-level city code: contracts in it and its districts}."""
    rows = (
        Contract.objects.exclude(city=None)
        .order_by()
        .values(code=Coalesce("city__parent__code", "city__code"))
        .annotate(n=Count("pk"))
    )
    return {row["code"]: row["n"] for row in rows}


def api_by_city(chooser, cities):
    paths = [
        "/api/v1/contracts/?" + urlencode([("city", city)] + ([("ordering", o)] if o else []))
        for city in cities
        for o in API_ORDERINGS
    ]
    chooser.shuffle(paths)
    return paths


def api_search(chooser, words):
    singles = [f"/api/v1/contracts/?{urlencode({'search': word})}" for word in words]
    pairs = [
        f"/api/v1/contracts/?{urlencode({'search': f'{a} {b}'})}"
        for a, b in itertools.combinations(words[:80], 2)
    ]
    chooser.shuffle(pairs)
    paths = singles + pairs
    chooser.shuffle(paths)
    return paths


def _filter_values(name, declared, years, staff_only):
    if name in NOT_ASKED_BY or name in staff_only:
        return []
    if isinstance(declared, YearFilter):
        return [str(year) for year in years]
    if isinstance(declared, CodeMultipleChoiceFilter):
        return list(declared.queryset.order_by("code").values_list("code", flat=True)[:40])
    choices = declared.extra.get("choices")
    if choices and not callable(choices):
        return [str(value) for value, _label in choices if value not in ("", None)]
    return []


def stats_paths(chooser, years):
    """{stats name: its addresses}: every grouping × one non-regional filter value, and ×
    a year as well (``group_by=department&kind=transfer&year=Y``)."""
    found = {}
    for record_type in registry.all():
        hook = record_type.hook("stats")
        if hook is None:
            continue
        stats = hook()
        if stats.counts_every_record:
            continue  # counted whole, by one grouping and no filter, for anyone but staff
        staff_only = set(getattr(stats.filterset_class.Meta, "staff_only", ()))
        filters = {
            name: values
            for name, declared in stats.filterset_class.base_filters.items()
            if (values := _filter_values(name, declared, years, staff_only))
        }
        paths = set()
        for dimension in stats.dimensions:
            for name, values in filters.items():
                for value in values:
                    paths.add(((dimension,), ((name, value),)))
                    if name != "year" and "year" in filters:
                        for year in filters["year"]:
                            paths.add(((dimension,), ((name, value), ("year", year))))
        addresses = [
            f"/api/v1/stats/{stats.name}/?" + urlencode([("group_by", g[0]), *pairs])
            for g, pairs in sorted(paths)
        ]
        chooser.shuffle(addresses)
        found[stats.name] = addresses
    return found


def list_pages(chooser, years, provinces):
    """{list slug: its never-asked pages}: page N ≥ 2 of the whole list, and every page of
    the list by province and year where it has those filters."""
    found = {}
    for pages in public_pages():
        declared = pages.list
        if declared is None:
            continue
        whole = declared.selector(QueryDict()).count()
        paths = [
            f"/{pages.slug}/?page={n}"
            for n in range(2, min(5000, math.ceil(whole / LIST_PAGE_SIZE)) + 1)
        ]
        filters = declared.filterset.base_filters
        if "province" in filters and "year" in filters:
            combos = [(p, y) for p in provinces for y in years]
            chooser.shuffle(combos)
            for province, year in combos[:150]:
                params = QueryDict(mutable=True)
                params.update({"province": province, "year": str(year)})
                filterset = declared.filterset(params, queryset=declared.selector(params))
                rows = filterset.qs.count() if filterset.is_valid() else 0
                for n in range(1, math.ceil(rows / LIST_PAGE_SIZE) + 1):
                    query = [("province", province), ("year", year)] + (
                        [("page", n)] if n > 1 else []
                    )
                    paths.append(f"/{pages.slug}/?{urlencode(query)}")
        chooser.shuffle(paths)
        found[pages.slug] = paths
    return found


# --- downloads ---------------------------------------------------------------------------------

DOWNLOAD_LINK = re.compile(
    r'href="(/[^"]+?\.(?:csv|xlsx|json)|/[^"]*[?&](?:amp;)?format=(?:csv|xlsx)[^"]*)"'
)


def anonymous_downloads(client, pages):
    """Every download a visitor finds on the home page, a province's, a city's and the open
    data page, and the API's lists as CSV and XLSX: {url: kind of download}."""
    found = {}
    for page in pages:
        html = client.get(page, secure=True).content.decode()
        for url in DOWNLOAD_LINK.findall(html):
            url = url.replace("&amp;", "&")
            if url.startswith("/static/") or url.endswith(("datapackage.json", "catalog.jsonld")):
                continue
            kind = "open data" if url.startswith("/data/") else "public table"
            found.setdefault(url, kind)
    root = client.get("/api/v1/", secure=True, HTTP_ACCEPT="application/json").json()
    for name, address in root.items():
        if "stats" in name or not isinstance(address, str):
            continue
        path = urlsplit(address).path
        for fmt in ("csv", "xlsx"):
            found.setdefault(f"{path}?format={fmt}", f"API ?format={fmt}")
    return found


def wait_for_downloads_built(quiet=8, longest=300):
    """Seconds until the prebuilt files' folder has not changed for ``quiet`` seconds: the
    worker has written every file the first requests queued."""
    started = last_change = time.monotonic()
    seen = None
    while time.monotonic() - started < longest:
        files = sorted(
            (str(path), path.stat().st_size)
            for path in Path(settings.DOWNLOADS_ROOT).rglob("*")
            if path.is_file()
        )
        if files != seen:
            seen, last_change = files, time.monotonic()
        elif time.monotonic() - last_change >= quiet:
            break
        time.sleep(1)
    return last_change - started


def body_size(response):
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


# --- parts -------------------------------------------------------------------------------------


def shortened(text, limit):
    """Long IN (…) lists cut short for printing."""
    return text if len(text) <= limit else f"{text[:limit]} … ({len(text):,} characters)"


def timed(client, path):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path, secure=True)
        size = body_size(response)
        elapsed = (time.perf_counter() - started) * 1000
    queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    return response.status_code, elapsed, size, queries


def explained(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return [line for (line,) in cursor.fetchall()]


def in_process(sources, downloads, *, samples, explain_each=False):
    print(
        f"\nin-process, one request at a time, {samples} never-asked addresses per kind (after one"
        f" to warm up): median and slowest request, {load_average()}"
    )
    print(
        f"{'kind':46} {'status':>6} {'ms p50':>7} {'ms max':>7} {'stmts':>5} {'SQL p50':>7} "
        f"{'its SQL':>7} {'slowest':>7}"
    )
    client = Client()
    slowest = (0.0, "", "")
    for source in sources:
        if not source.never_asked:
            continue
        paths = source.reserve(samples + 1)
        if len(paths) < 2:
            continue
        timed(client, paths[0])
        measured = []
        for path in paths[1:]:
            status, elapsed, _size, queries = timed(client, path)
            measured.append((elapsed, status, path, queries, sum(ms for ms, _sql in queries)))
        measured.sort(key=lambda each: each[0])
        elapsed, status, path, queries, sql_ms = measured[-1]
        top = max(queries, default=(0.0, ""))
        statuses = {each[1] for each in measured}
        print(
            f"{source.name[:46]:46} {'/'.join(map(str, sorted(statuses))):>6} "
            f"{measured[len(measured) // 2][0]:7.1f} {elapsed:7.1f} {len(queries):5d} "
            f"{sorted(each[4] for each in measured)[len(measured) // 2]:7.1f} {sql_ms:7.1f} "
            f"{top[0]:7.1f}"
        )
        print(f"  slowest: {path}")
        if explain_each and top[1]:
            print(f"  its slowest statement: {shortened(top[1], 300)}")
            for line in explained(top[1]):
                if "Scan" in line or "Execution Time" in line or "Rows Removed" in line:
                    print(f"    {shortened(line.strip(), 200)}")
        if top[0] > slowest[0]:
            slowest = (top[0], top[1], path)
    print(f"\nanonymous downloads, in-process (second request), {load_average()}")
    print(f"{'download':60} {'status':>6} {'ms':>8} {'KB':>9} {'stmts':>6} {'SQL ms':>8}")
    for url in downloads:
        timed(client, url)
        status, elapsed, size, queries = timed(client, url)
        print(
            f"{url[:60]:60} {status:6d} {elapsed:8.1f} {size / 1024:9.1f} {len(queries):6d} "
            f"{sum(ms for ms, _sql in queries):8.1f}"
        )
    if slowest[1]:
        print(f"\nslowest never-asked statement ({slowest[0]:.1f} ms, from {slowest[2]}):")
        print(shortened(slowest[1], 2000))
        for line in explained(slowest[1]):
            print(f"  {shortened(line, 300)}")


def per_path(port, sources, args):
    healthz = Source("/healthz/", ["/healthz/"], never_asked=False)
    print(
        f"\nper row: gunicorn {args.workers} gthread workers × {args.threads} threads, "
        f"{args.concurrency} connections from wrk (keep-alive); /healthz/ and the row take "
        f"{args.rounds} turns; ratio = req/s ÷ /healthz/'s just before (median turn); "
        f"{load_average()}"
    )
    print(
        f"{'row':56} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} {'ratio':>6} "
        f"{'repeats':>7}"
    )
    for source in sources:
        turns = []
        for _ in range(args.rounds):
            trivial = run(port, healthz, seconds=args.seconds / 2, connections=args.concurrency)
            result = run(port, source, seconds=args.seconds, connections=args.concurrency)
            turns.append((result["rps"] / trivial["rps"], result, trivial))
        turns.sort(key=lambda turn: turn[0])
        ratio, result, trivial = turns[len(turns) // 2]
        print(
            f"{source.name[:56]:56} {result['rps']:8.1f} {result['p50']:8.1f} "
            f"{result['p95']:8.1f} {result['errors']:6d} {ratio:6.3f} {source.repeated:7d}"
        )
    print(
        f"{'/healthz/ (last turn)':56} {trivial['rps']:8.1f} {trivial['p50']:8.1f} "
        f"{trivial['p95']:8.1f} {trivial['errors']:6d}"
    )


def concurrent_downloads(port, downloads, args, label):
    healthz = Source("/healthz/", ["/healthz/"], never_asked=False)
    files = Source("downloads", list(downloads), never_asked=False)
    seconds = args.download_seconds
    idle = run(port, healthz, seconds=seconds, connections=1)
    with tempfile.TemporaryDirectory(prefix="bench-never-") as folder:
        heavy = start_wrk(port, files.paths, seconds=seconds + 2, connections=16, folder=folder)
        time.sleep(1)
        probe = start_wrk(port, ["/healthz/"], seconds=seconds, connections=1, folder=folder)
        during = finish_wrk(probe, seconds)
        loaded = finish_wrk(heavy, seconds)
    print(
        f"\n16 concurrent downloads ({label}: {len(files.paths)} in turn), {seconds:.0f} s, "
        f"{load_average()}:"
    )
    print(
        f"  downloads: {loaded['rps']:.1f} req/s, p50 {loaded['p50']:.1f} ms, "
        f"p95 {loaded['p95']:.1f} ms, {loaded['errors']} errors"
    )
    print(
        f"  /healthz/ p50 alone {idle['p50']:.2f} ms, during the downloads {during['p50']:.2f} ms:"
        f" × {during['p50'] / idle['p50']:.2f} (p95 {idle['p95']:.2f} → {during['p95']:.2f} ms)"
    )


MIXED_LUA = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end
local cached = {%(cached)s}
local never = {%(never)s}
local headers = {["X-Forwarded-Proto"] = "https"}
local out = io.open("%(out)s", "a")
out:setvbuf("line")
local asked, class, started = 0, "cached", 0
math.randomseed(%(seed)d)
request = function()
  local path
  if math.random() < %(share)f then
    asked = asked + 1
    class = "never"
    path = never[((asked - 1) %% #never) + 1]
  else
    class = "cached"
    path = cached[math.random(#cached)]
  end
  started = now_ms()
  return wrk.format("GET", path, headers)
end
response = function(status, headers, body)
  out:write(class, " ", status, " ", string.format("%%.3f", now_ms() - started), "\\n")
end
"""


def percentile(values, share):
    return values[min(len(values) - 1, int(len(values) * share))] if values else float("nan")


def mixed(port, cached, never_sources, args):
    """``--mixed-connections`` connections, each a wrk of its own (one connection, so a
    response is its last request's: the script times it with the monotonic clock); every
    request is never asked with probability ``--never-share``, else a cached page."""
    connections = args.mixed_connections
    per_source = SLICE // max(1, len(never_sources))
    reserved = [source.reserve(per_source) for source in never_sources]
    interleaved = [
        path for group in itertools.zip_longest(*reserved) for path in group if path is not None
    ]
    seconds = args.mixed_seconds
    cached_lua = ", ".join(_lua_string(path) for path in cached.paths)
    with tempfile.TemporaryDirectory(prefix="bench-never-") as folder:
        processes = []
        for number in range(connections):
            mine = interleaved[number::connections]
            out = Path(folder) / f"mixed{number}.txt"
            script = Path(folder) / f"mixed{number}.lua"
            script.write_text(
                MIXED_LUA
                % {
                    "cached": cached_lua,
                    "never": ", ".join(_lua_string(path) for path in mine),
                    "out": out,
                    "seed": number + 1,
                    "share": args.never_share,
                }
            )
            processes.append(
                subprocess.Popen(
                    ["wrk", "-t1", "-c1", f"-d{round(seconds)}s", "--timeout", "30s"]
                    + ["-s", str(script), f"http://{HOST}:{port}/"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.STDOUT,
                )
            )
        for process in processes:
            process.wait(timeout=seconds + 120)
        latencies = {"cached": [], "never": []}
        errors = {"cached": 0, "never": 0}
        asked = [0] * connections
        for number in range(connections):
            for line in (Path(folder) / f"mixed{number}.txt").read_text().splitlines():
                name, status, elapsed = line.split()
                latencies[name].append(float(elapsed))
                errors[name] += int(status) >= 400
                asked[number] += name == "never"
    repeated = sum(
        max(0, count - len(interleaved[number::connections])) for number, count in enumerate(asked)
    )
    total = sum(len(values) for values in latencies.values())
    print(
        f"\nmixed: {seconds:.0f} s, {connections} connections (a wrk each), each request never "
        f"asked with probability {args.never_share:.0%}: {total / seconds:.1f} req/s, "
        f"{len(latencies['never']) / max(1, total):.1%} never asked; {load_average()}"
    )
    print(f"{'class':40} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    for name, values in latencies.items():
        values.sort()
        print(
            f"{name:40} {len(values):8d} {percentile(values, 0.5):8.1f} "
            f"{percentile(values, 0.95):8.1f} {errors[name]:6d}"
        )
    if repeated:
        print(f"  ({repeated} never-asked addresses repeated)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8125)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4, help="per turn of a row")
    parser.add_argument("--download-seconds", type=float, default=10)
    parser.add_argument("--mixed-seconds", type=float, default=30)
    parser.add_argument("--mixed-connections", type=int, default=50)
    parser.add_argument("--never-share", type=float, default=0.1, help="mixed: per request")
    parser.add_argument("--province", default="320000")
    parser.add_argument("--city", default="320500")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--skip-collectstatic", action="store_true")
    parser.add_argument("--samples", type=int, default=5, help="inprocess: addresses per kind")
    parser.add_argument(
        "--explain-each", action="store_true", help="inprocess: the plan of each kind's slowest"
    )
    parser.add_argument("--only", default="", help="inprocess,paths,downloads,mixed")
    args = parser.parse_args()
    parts = set(args.only.split(",")) if args.only else {"inprocess", "paths", "downloads", "mixed"}
    chooser = random.Random(args.seed)

    print(
        f"data: {Contract.objects.count():,} contracts, {SearchEntry.objects.count():,} search "
        f"entries; database {connection.settings_dict['NAME']}; {load_average()}"
    )
    if not args.skip_collectstatic:
        print(f"collectstatic (production storage): {bench.collect_static():.1f} s")

    started = time.perf_counter()
    years = contract_years()
    provinces = list(Province.objects.order_by("code").values_list("code", flat=True))
    words, titles = search_words(chooser)
    cities = cities_with_contracts()
    by_size = sorted(cities, key=cities.get)
    stats = stats_paths(chooser, years)
    stats_contracts = stats.pop("contracts", [])
    stats_other = [p for paths in itertools.zip_longest(*stats.values()) for p in paths if p]
    lists = list_pages(chooser, years, provinces)
    never = [
        Source("search, two real words", search_pairs(chooser, words, titles)),
        Source("API contracts ?province&year&kind", api_filtered(chooser, years)),
        Source(
            f"API contracts ?city= ({len(cities)} cities, {cities[by_size[0]] if by_size else 0}"
            f"–{cities[by_size[-1]] if by_size else 0} contracts)",
            api_by_city(chooser, cities),
        ),
        Source("API contracts ?search=", api_search(chooser, words)),
        Source("stats contracts ?group_by&<filter>[&year]", stats_contracts),
        Source(f"stats of {len(stats)} other types ?group_by&<filter>", stats_other),
    ]
    # A list of a few pages has few addresses: those lists take turns in one row.
    small = {slug: paths for slug, paths in lists.items() if len(paths) < 100}
    never += [
        Source(f"/{slug}/ page N", paths) for slug, paths in lists.items() if slug not in small
    ]
    if small:
        mixed_small = [p for paths in itertools.zip_longest(*small.values()) for p in paths if p]
        never.append(Source(f"/{'/, /'.join(small)}/ page N", mixed_small))
    print(
        "never-asked addresses: "
        + ", ".join(f"{source.name.split(' (')[0]} {len(source.paths):,}" for source in never)
        + f" (built in {time.perf_counter() - started:.1f} s)"
    )

    province, city = args.province, args.city
    cached = Source(
        "cached pages",
        [
            "/",
            f"/regions/{province}/",
            f"/cities/{city}/",
            f"/projects/?province={province}",
            "/events/",
        ],
        never_asked=False,
    )
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    client = Client()
    downloads = anonymous_downloads(
        client, ["/", f"/regions/{province}/", f"/cities/{city}/", "/data/"]
    )

    # The bench's own Redis database: no answer of an earlier run may pass for never asked.
    cache.clear()
    print(f"emptied the cache ({settings.CACHES['default']['LOCATION']}) for never-asked rows")
    process = bench.start_gunicorn(args.port, args.workers, "gthread", args.threads)
    worker = bench.start_celery_worker()
    try:
        # Warm every worker on the cached pages, and have every download built once.
        for path in ["/healthz/", *cached.paths]:
            for _ in range(args.workers * 2):
                bench.asyncio.run(bench.fetch(args.port, path))
        refused = {}
        for url in downloads:
            status, _size = bench.asyncio.run(bench.fetch(args.port, url))
            if status in (301, 302):  # the API's list points to its open-data file
                downloads[url] += " (redirect to open data)"
            elif status != 200:
                refused[url] = status
        settled = wait_for_downloads_built()
        print(f"the worker's builds of the downloads settled after {settled:.0f} s")
        for url, status in refused.items():
            print(f"download {url}: {status} for anyone (left out)")
            del downloads[url]
        print(
            f"anonymous downloads: {len(downloads)} ({', '.join(sorted(set(downloads.values())))})"
        )

        if "inprocess" in parts:
            in_process(never, downloads, samples=args.samples, explain_each=args.explain_each)
        if "paths" in parts:
            rows = [Source(f"cached {path}", [path], never_asked=False) for path in cached.paths]
            # A kind with few addresses (lists of a page or two) would repeat them: left out.
            rows += [source for source in never if len(source.paths) - source.cursor >= 300]
            for source in never:
                if len(source.paths) - source.cursor < 300:
                    print(f"left out of the rows: {source.name} (too few addresses to ask anew)")
            for kind in sorted(set(downloads.values())):
                urls = [url for url, k in downloads.items() if k == kind]
                rows.append(
                    Source(f"download: {kind} ({len(urls)} in turn)", urls, never_asked=False)
                )
            per_path(args.port, rows, args)
        if "downloads" in parts:
            concurrent_downloads(args.port, downloads, args, "every anonymous download")
            files = [
                url for url, kind in downloads.items() if kind in ("open data", "public table")
            ]
            concurrent_downloads(args.port, files, args, "the open data and public tables' files")
        if "mixed" in parts:
            mixed(args.port, cached, never, args)
    finally:
        bench.stop(process)
        bench.stop(worker)
    print(f"\nend: {load_average()}")


if __name__ == "__main__":
    main()
