import time

from django.core.management.base import BaseCommand

from apps.matching.index import rebuild
from apps.matching.sources import declared


class Command(BaseCommand):
    help = "Recreate the matching index (jieba words, full text and trigrams) from the records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", action="append", choices=sorted(declared()), help="Only this source."
        )

    def handle(self, *args, source=None, **options):
        started = time.perf_counter()
        counts = rebuild(source)
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {sum(counts.values())} candidates in {time.perf_counter() - started:.1f} s."
            )
        )
