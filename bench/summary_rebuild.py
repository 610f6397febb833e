"""Time one rebuild of the summary tables (apps.figures.summary_rebuild) at the database's size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_perf_bench \\
        .venv/bin/python bench/summary_rebuild.py [--runs 2] [--explain N]

Writes nothing but the figures tables (the rebuild's own). Prints the number of contracts, the
seconds of each rebuild, its statements with their times (slowest first), and EXPLAIN
(ANALYZE, BUFFERS) of the N slowest reading statements (default 1).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.figures.summary import summary_rebuild  # noqa: E402


def timed_statements(run):
    """Run ``run()`` and return [(seconds, sql, params)] of every statement it sent."""
    statements = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((time.perf_counter() - started, sql, params))

    with connection.execute_wrapper(record):
        run()
    return statements


def one_line(sql, width=110):
    text = " ".join(sql.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="rebuilds to time (default 2)")
    parser.add_argument("--explain", type=int, default=1, help="slowest reads to EXPLAIN")
    args = parser.parse_args()

    print(f"database: {connection.settings_dict['NAME']}")
    print(f"contracts: {Contract.objects.count():,}")
    statements = []
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        statements = timed_statements(summary_rebuild)
        seconds = time.perf_counter() - started
        print(f"rebuild {run}: {seconds:.2f} s, {len(statements)} statements")

    print("\nstatements of the last rebuild, slowest first (s):")
    ranked = sorted(statements, key=lambda row: row[0], reverse=True)
    for seconds, sql, _params in ranked:
        print(f"  {seconds:8.3f}  {one_line(sql)}")

    reads = [row for row in ranked if row[1].lstrip().upper().startswith("SELECT")]
    for seconds, sql, params in reads[: args.explain]:
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the slowest read ({seconds:.2f} s):")
        print(sql if len(sql) < 4000 else sql[:4000] + " …")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            for (line,) in cursor.fetchall():
                print(f"  {line}")


if __name__ == "__main__":
    main()
