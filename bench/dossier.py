"""Briefing dossiers: the cold generation time (read the data, render the PDF) and the time of
the second click (served from the cache), per region and language.

Run against a database with data (``manage.py load_demo``, or the synthetic set) and a Redis of
its own:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop \\
    REDIS_URL=redis://127.0.0.1:6379/6 \\
        .venv/bin/python bench/dossier.py --regions province:320000 city:320500 --repeat 3

"Cold" is what the worker does for a click on a new data version: the queries, the template and
WeasyPrint's layout. "Cached" is the request a second click makes, through Django's test
client: one cache read and the PDF bytes sent.
"""

import argparse
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.core.pagecache import bump_version  # noqa: E402
from apps.dossiers import services  # noqa: E402


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", nargs="+", default=["province:320000", "city:320500"])
    parser.add_argument("--languages", nargs="+", default=["zh-hans", "en"])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    client = Client()
    print(
        f"{'region':<16} {'lang':<8} {'audience':<8} {'cold s (median)':>16} {'queries':>8} "
        f"{'PDF KB':>7} {'cached ms (median)':>19}"
    )
    for region in arguments.regions:
        kind, code = region.split(":")
        path = f"/{'regions' if kind == 'province' else 'cities'}/{code}/dossier.pdf"
        for language in arguments.languages:
            prefix = "/en" if language == "en" else ""
            for audience in ("public", "staff"):
                colds, warms, size, queries = [], [], 0, 0
                for _ in range(arguments.repeat):
                    bump_version()  # a new data version: nothing cached
                    with CaptureQueriesContext(connection) as captured:
                        seconds, size = timed(
                            partial(
                                services.dossier_generate,
                                kind=kind,
                                code=code,
                                language=language,
                                audience=audience,
                            )
                        )
                    colds.append(seconds)
                    queries = len(captured.captured_queries)
                    if audience == "public":
                        seconds, response = timed(partial(client.get, prefix + path))
                        assert response.status_code == 200, response.status_code
                        warms.append(seconds * 1000)
                reset_queries()
                cached = f"{statistics.median(warms):.1f}" if warms else "(staff: login)"
                print(
                    f"{region:<16} {language:<8} {audience:<8} {statistics.median(colds):>16.2f} "
                    f"{queries:>8} {size / 1024:>7.0f} {cached:>19}"
                )


if __name__ == "__main__":
    main()
