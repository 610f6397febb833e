from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from apps.outcomes.services import records_link_default_agreements


class Command(BaseCommand):
    help = _(
        "Link every contract, fund grant, project, institute, branch and event without an "
        "agreement to its region's agreement in force on its date."
    )

    def handle(self, *args, **options):
        for label, count in records_link_default_agreements().items():
            self.stdout.write(f"{label}: {count}")
