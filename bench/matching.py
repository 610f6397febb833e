"""Matching: how often a fitting department comes first, and among the first three, over the
labelled requests of bench/matching_requests.json (written by hand: each request with the
departments that fit it).

    createdb -h 127.0.0.1 -U postgres coop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
        .venv/bin/python bench/matching.py --load-demo

``--load-demo`` migrates, loads the geography and the demo data (idempotent) first; without
it the database DATABASE_URL names is used as it is. The matching index is rebuilt either way.
Each request is matched twice: with its industry, and from its text alone. Prints the figures
and the misses.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.utils import translation  # noqa: E402

from apps.matching.engine import match  # noqa: E402

LABELLED = Path(__file__).with_name("matching_requests.json")


def run(requests, *, with_industry):
    top1 = top3 = 0
    misses, elapsed, queries = [], 0.0, 0
    for request in requests:
        reset_queries()
        started = time.perf_counter()
        ranking = match(
            f"{request['title']}\n{request['text']}",
            industry=request["industry"] if with_industry else "",
            limit=3,
        )
        elapsed += time.perf_counter() - started
        queries += len(connection.queries)
        codes = [s.code for s in ranking["departments"]]
        fits = set(request["fits"])
        top1 += bool(codes[:1] and codes[0] in fits)
        hit3 = bool(fits & set(codes[:3]))
        top3 += hit3
        if not hit3:
            misses.append((request["title"], request["fits"], codes))
    count = len(requests)
    return top1 / count, top3 / count, misses, elapsed / count, queries / count


def scaled(requests, count):
    """The same requests against ``count`` more achievement entries, made of the existing
    entries' words, in a transaction rolled back at the end."""
    import random

    from django.db import transaction

    from apps.matching.models import MatchEntry

    rng = random.Random(19)
    vocabulary = " ".join(MatchEntry.objects.values_list("words", flat=True)).split()
    codes = list(
        MatchEntry.objects.exclude(department_code="").values_list("department_code", flat=True)
    )
    with transaction.atomic():
        MatchEntry.objects.bulk_create(
            (
                MatchEntry(
                    source="achievements",
                    object_id=10_000_000 + n,
                    code=f"synthetic-{n}",
                    name_zh=f"合成成果{n}",
                    words=" ".join(rng.choices(vocabulary, k=40)),
                    industries=["energy"],
                    department_code=rng.choice(codes),
                )
                for n in range(count)
            ),
            batch_size=5000,
        )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {MatchEntry._meta.db_table}")
        top1, top3, _misses, seconds, queries = run(requests, with_industry=True)
        print(
            f"with {count} more achievement entries: top-1 {top1:.2f}, top-3 {top3:.2f}; "
            f"{seconds * 1000:.0f} ms and {queries:.0f} queries a request"
        )
        transaction.set_rollback(True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-demo", action="store_true")
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        help="Also time the requests with this many more (synthetic) achievement entries, "
        "added in a transaction that is rolled back.",
    )
    options = parser.parse_args()
    if options.load_demo:
        call_command("migrate", verbosity=0)
        call_command("load_geography", verbosity=0)
        call_command("load_demo", verbosity=0)
    counts = call_command("rebuild_match_index", verbosity=0) or ""
    del counts
    requests = json.loads(LABELLED.read_text(encoding="utf-8"))["requests"]
    from django.conf import settings

    settings.DEBUG = True  # count the queries
    held_out = [r for r in requests if r.get("held_out")]
    sets = [
        ("all", requests),
        ("written with the keywords", [r for r in requests if not r.get("held_out")]),
        ("held out", held_out),
    ]
    with translation.override("en"):
        for name, subset in sets:
            print(f"{name}: {len(subset)} labelled requests")
            for with_industry in (True, False):
                top1, top3, misses, seconds, queries = run(subset, with_industry=with_industry)
                label = "text and industry" if with_industry else "text alone"
                print(
                    f"  {label}: top-1 {top1:.2f}, top-3 {top3:.2f}; "
                    f"{seconds * 1000:.0f} ms and {queries:.0f} queries a request"
                )
                for title, fits, codes in misses:
                    print(f"    miss: {title}: fits {', '.join(fits)}; ranked {', '.join(codes)}")
        if options.scale:
            scaled(requests, options.scale)


if __name__ == "__main__":
    main()
