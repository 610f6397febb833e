"""``load_demo``: the seed's facts as records, plus marked illustrative records for its figures.

Every app brings its own part (``apps/<app>/demo.py``, named by its record type's ``demo`` hook
in the registry, ``apps.core.demo.DemoStep``); this module runs the steps in their order with
one shared loader, and gives every loaded record its first history row.

Idempotent: every row has a natural key (code, number, name) and is upserted, every random
choice comes from a fixed seed, so a second run rewrites the same values and adds nothing.
"""

import datetime
import io
import random

from django.core.management import call_command
from django.db import transaction

from apps.core.registry import registry

RANDOM_SEED = 20151231


def declared_steps(hook):
    """Every record type's step named by ``hook`` ("demo", "synthetic"), in the order they
    run."""
    steps = [record_type.hook(hook) for record_type in registry.all() if record_type.hook(hook)]
    return sorted(steps, key=lambda step: step.position)


def demo_steps():
    return declared_steps("demo")


class DemoLoader:
    """What the steps share: today, one random sequence, and what earlier steps leave for
    later ones (each step's module says what it reads and leaves)."""

    def __init__(self, today):
        self.today = today
        self.rng = random.Random(RANDOM_SEED)

    def run(self):
        for step in demo_steps():
            step.load(self)
        # Bulk inserts leave no history: give every loaded record its first history row, so a
        # first edit can be compared and reverted.
        call_command("populate_history", auto=True, stdout=io.StringIO())


@transaction.atomic
def demo_load(*, today=None):
    DemoLoader(today or datetime.date.today()).run()
