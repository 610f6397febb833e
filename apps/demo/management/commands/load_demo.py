from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.core import pagecache as public_cache
from apps.demo.demo import demo_load
from apps.demo.selectors import cooperation_figures


class Command(BaseCommand):
    help = (
        "Load the seed's facts (departments, milestones, funds, institutes, offices, projects) "
        "and illustrative records that reproduce its figures. Idempotent."
    )

    def handle(self, *args, **options):
        demo_load()
        # Bulk writes send no signals: rebuild the derived search and matching indexes in one
        # pass and retire the public pages' cached figures.
        call_command("rebuild_search_index", verbosity=0)
        call_command("rebuild_match_index", verbosity=0)
        public_cache.bump_version()
        figures = cooperation_figures()
        for label, value in figures.items():
            self.stdout.write(f"{label}: {value}")
