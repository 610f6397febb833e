from django.core.management.base import BaseCommand

from apps.regions.services import geography_load


class Command(BaseCommand):
    help = "Load or refresh the 34 provincial-level units and their cities from the cpca package."

    def handle(self, *args, **options):
        provinces, cities = geography_load()
        self.stdout.write(f"{provinces} provincial-level units, {cities} cities and districts.")
