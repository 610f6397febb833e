"""Cold public pages in-process: the cache emptied before every request, CPU time of the
process (time.process_time) and wall time per page, median of ROUNDS rounds.

Run from a checkout's root (any version: it imports the checkout it is run in), on demo data:

    DATABASE_URL=... REDIS_URL=redis://127.0.0.1:6379/11 .venv/bin/python bench/cold_pages.py

CPU time is the steadier figure on a shared machine: compare two versions by alternating runs.
"""

import os
import statistics
import sys
import time

root = os.getcwd()
sys.path.insert(0, root)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
import django  # noqa: E402

django.setup()
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from apps.figures.summary import current_build  # noqa: E402

current_build(wait=True)
PAGES = [
    "/",
    "/regions/",
    "/regions/320000/",
    "/cities/320500/",
    "/projects/",
    "/events/",
    "/institutes/",
    "/funds/",
    "/offices/",
    "/events/?page=2",
    "/definitions/",
    "/en/",
    "/en/regions/320000/",
]
ROUNDS = int(os.environ.get("ROUNDS", "7"))
client = Client()
for page in PAGES:  # warm imports and templates
    client.get(page)
results = {page: ([], []) for page in PAGES}
for _ in range(ROUNDS):
    for page in PAGES:
        cache.clear()
        try:
            from apps.core import pagecache

            pagecache.forget_local()
        except Exception:
            pass
        c0, w0 = time.process_time(), time.perf_counter()
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        results[page][0].append(time.process_time() - c0)
        results[page][1].append(time.perf_counter() - w0)
total_cpu = 0
for page, (cpu, wall) in results.items():
    total_cpu += statistics.median(cpu)
    print(
        f"{page:24s} cpu {statistics.median(cpu) * 1000:7.1f} ms  wall {statistics.median(wall) * 1000:7.1f} ms"
    )
print(f"{'sum of medians':24s} cpu {total_cpu * 1000:7.1f} ms")
