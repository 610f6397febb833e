"""Time and memory of a release of contract sums (apps.figures.release) on the data in the
database: the first release, then a release after changes (new contracts in several cities, one
amount changed, one contract deleted), and the proof over every release.

    DATABASE_URL=... .venv/bin/python bench/release.py [--changes N]

Prints seconds and peak memory of each step; changes nothing it does not add (run it on a
benchmark database: it adds releases and contracts).
"""

import argparse
import os
import random
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")

import django  # noqa: E402

django.setup()

from apps.agreements.models import Contract  # noqa: E402
from apps.figures import release  # noqa: E402
from apps.figures.models import ReleasedContract  # noqa: E402
from apps.figures.summary import current_build  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, step):
    started = time.perf_counter()
    result = step()
    print(f"{label}: {time.perf_counter() - started:.1f} s, peak memory {peak_mb():.0f} MB")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=30)
    options = parser.parse_args()
    print(f"published contracts: {Contract.objects.published().count():,}")
    timed("build", lambda: current_build(wait=True))
    timed("first release", release.release_figures)
    rng = random.Random(7)
    template = Contract.objects.published().exclude(city=None).order_by("pk").first()
    cities = list(
        Contract.objects.published().exclude(city=None).values_list("city", flat=True)[:2000]
    )
    for n in range(options.changes):
        template.pk = None
        template.number = f"BENCH-REL-{time.time_ns()}-{n}"
        template.city_id = rng.choice(cities)
        template.amount = Decimal(rng.randint(10_000, 5_000_000))
        template.save()
    timed("build after changes", lambda: current_build(wait=True))
    second = timed("second release", release.release_figures)
    print(f"  cells with a new sum: {second.updated} of {second.cells}")
    print(f"  contract rows stored: {ReleasedContract.objects.count():,}")
    result = timed("proof over every release", release.audit_releases)
    print(f"  releases {result.releases}, sums {result.sums}, derivable {len(result.derivable)}")
    # The contracts added here are not the synthetic set's: remove them, so that
    # `generate_synthetic --clear` can clear the set they refer to.
    Contract.objects.filter(number__startswith="BENCH-REL-").delete()


if __name__ == "__main__":
    main()
