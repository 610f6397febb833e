"""A large, realistic, clearly illustrative data set for measuring the portal.

Every app writes its own part (``apps/<app>/synthetic.py``, named by its record type's
``synthetic`` hook in the registry; the toolkit is ``apps.core.synthetic``): this command offers
each part's option (``--contracts N`` …), runs the parts in their order in one transaction, and,
as signals do not fire, refreshes the search index and the public pages' cache version itself
at the end. Every record it writes is ``is_illustrative`` and carries a ``SYN-`` code or number,
so ``--clear`` removes exactly what an earlier run wrote.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from apps.core.synthetic import PREFIX, Synthesizer
from apps.demo.demo import declared_steps


def synthetic_steps():
    return declared_steps("synthetic")


class Command(BaseCommand):
    help = "Fill the database with a large illustrative data set (for benchmarks)."

    def add_arguments(self, parser):
        for step in synthetic_steps():
            if step.option:
                parser.add_argument(f"--{step.option}", type=int, default=step.default)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument(
            "--clear", action="store_true", help="First remove what an earlier run wrote."
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        synth = Synthesizer(
            seed=options["seed"],
            today=timezone.localdate(),
            now=timezone.now(),
            stdout=self.stdout,
        )
        steps = synthetic_steps()
        with transaction.atomic():
            if options["clear"]:
                self.step("clear", self.clear, steps)
            elif any(step.exists is not None and step.exists() for step in steps):
                raise CommandError(
                    "A synthetic data set is already loaded: pass --clear to replace it."
                )
            for step in steps:
                count = options[step.option] if step.option else 0
                if step.name:
                    self.step(step.name, step.write, synth, count)
                else:
                    step.write(synth, count)
        with connection.cursor() as cursor:
            # Fresh planner statistics: without them PostgreSQL plans for the tables' old sizes.
            # VACUUM too marks the new rows visible to all (the visibility map), which index-only
            # scans need: a deep admin page skips its rows in an index instead of the table.
            # It cannot run inside a caller's transaction (a test's): ANALYZE alone there.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        written = time.perf_counter() - started
        self.stdout.write(f"Records written (vacuumed and analyzed) in {written:.1f} s.")
        if not options["no_index"]:
            call_command("rebuild_search_index", stdout=self.stdout)
            call_command("rebuild_match_index", stdout=self.stdout)
        from apps.core.pagecache import bump_version

        bump_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data set ready in {time.perf_counter() - started:.1f} s."
            )
        )

    def step(self, name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.stdout.write(f"  {name}: {time.perf_counter() - started:.1f} s")
        return result

    def clear(self, steps):
        """Delete an earlier run's records in SQL, the last step's first: no per-row signals
        or history rows."""
        with connection.cursor() as cursor:
            for step in reversed(steps):
                for statement, pattern in step.clear(PREFIX) if step.clear else ():
                    cursor.execute(statement, [pattern])
        self.stdout.write("Removed the earlier synthetic data set.")
