"""The staff contract changelist and the API's ``?search=`` in-process, one request at a time.

Run on the synthetic data set (``generate_synthetic --contracts 1000000``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_perf_bench \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/admin_changelist.py

For each request (the admin's first page, page 1000, sorted by amount, one province, searches
by a contract number and by Chinese words; the API's contracts list searched by staff and by
the public) it prints the first run's milliseconds (the public API's is its only uncached one), then the
median of the next --rounds runs: milliseconds, statements and the slowest statement, then the EXPLAIN (ANALYZE, BUFFERS) of the slowest statement seen.
Everything runs in one transaction that is rolled back, signed in with force_login as the
first active superuser (a temporary one, created inside that transaction, when the database has
none): the database is left as it was.
"""

import argparse
import os
import statistics
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

from django.conf import settings  # noqa: E402
from django.contrib.admin.sites import site  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402

ADMIN = "/admin/agreements/contract/"
API = "/api/v1/contracts/"


def requests(amount_column, province_id, number):
    return [
        ("admin contracts, page 1", "staff", ADMIN, {}),
        ("admin contracts, page 1000", "staff", ADMIN, {"p": 1000}),
        ("admin contracts sorted by amount", "staff", ADMIN, {"o": amount_column}),
        ("admin contracts of one province", "staff", ADMIN, {"province__id__exact": province_id}),
        (f"admin search by number {number}", "staff", ADMIN, {"q": number}),
        ("admin search 动力电池", "staff", ADMIN, {"q": "动力电池"}),
        ("admin search 汽车 (two characters)", "staff", ADMIN, {"q": "汽车"}),
        ("admin search 电 (one character)", "staff", ADMIN, {"q": "电"}),
        ("API contracts ?search=汽车, staff", "staff", API, {"search": "汽车"}),
        ("API contracts ?search=汽车, public", "public", API, {"search": "汽车"}),
    ]


def measure(client, path, params, rounds):
    runs = []
    for _ in range(rounds + 1):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path, params)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, params, response.status_code)
        # A response from the public cache runs no statement at all.
        slowest = max(
            queries.captured_queries, key=lambda q: float(q["time"]), default={"time": 0, "sql": ""}
        )
        runs.append(
            (elapsed, len(queries.captured_queries), float(slowest["time"]) * 1000, slowest)
        )
    first, runs = runs[0][0], runs[1:]
    median = statistics.median(run[0] for run in runs)
    slowest_ms = statistics.median(run[2] for run in runs)
    return first, median, runs[-1][1], slowest_ms, runs[-1][3]["sql"]


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--show-sql", action="store_true", help="print each slowest statement")
    args = parser.parse_args()

    sample = Contract.objects.order_by("pk").first()
    number = Contract.objects.filter(number__endswith="0012345").values_list("number", flat=True)
    number = number.first() or sample.number
    print(
        f"{Contract.objects.count():,} contracts; database {settings.DATABASES['default']['NAME']}"
    )

    clients = {"staff": Client(), "public": Client()}
    with transaction.atomic():
        users = get_user_model().objects
        superuser = users.filter(is_superuser=True, is_active=True).first()
        if superuser is None:
            superuser = users.create_superuser("bench-admin-changelist", password=None)
        clients["staff"].force_login(superuser)
        amount_column = _amount_column()
        slowest_overall = (0, "", "")
        print("| request | first ms | ms | statements | slowest statement ms |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, who, path, params in requests(amount_column, sample.province_id, number):
            first, ms, statements, slowest_ms, slowest_sql = measure(
                clients[who], path, params, args.rounds
            )
            print(
                f"| {name} | {first:.0f} | {ms:.0f} | {statements} | {slowest_ms:.0f} |",
                flush=True,
            )
            if args.show_sql:
                print(f"    {slowest_sql}")
            if slowest_ms > slowest_overall[0]:
                slowest_overall = (slowest_ms, name, slowest_sql)
        print(f"\nSlowest statement ({slowest_overall[1]}, {slowest_overall[0]:.0f} ms):\n")
        print(slowest_overall[2])
        print()
        print(explain(slowest_overall[2]))
        transaction.set_rollback(True)


def _amount_column():
    """The changelist's column number of the amount (its ``o=`` parameter), counting the
    checkbox column the actions add first."""
    return ["action_checkbox", *site._registry[Contract].list_display].index("amount_display")


if __name__ == "__main__":
    main()
