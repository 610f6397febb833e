import time

from django.core.management.base import BaseCommand

from apps.search.documents import KINDS
from apps.search.services import rebuild_index


class Command(BaseCommand):
    help = "Recreate the full-text search index (jieba-segmented) from the records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", choices=sorted(KINDS), help="Only this kind (repeatable)."
        )

    def handle(self, *args, kind=None, **options):
        started = time.perf_counter()
        counts = rebuild_index(kind)
        elapsed = time.perf_counter() - started
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {sum(counts.values())} records in {elapsed:.1f} s.")
        )
