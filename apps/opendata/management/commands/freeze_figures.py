import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.opendata.services import release_freeze


class Command(BaseCommand):
    help = _("Freeze the regional figures as at a date (default: last 31 December).")

    def add_arguments(self, parser):
        parser.add_argument("--as-at", help="YYYY-MM-DD")

    def handle(self, *args, as_at=None, **options):
        try:
            day = (
                datetime.date.fromisoformat(as_at)
                if as_at
                else datetime.date(timezone.localdate().year - 1, 12, 31)
            )
        except ValueError as wrong:
            raise CommandError(_("Give the date as YYYY-MM-DD.")) from wrong
        try:
            release, created = release_freeze(as_at=day)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        message = _("Frozen: %(release)s") if created else _("Already frozen: %(release)s")
        self.stdout.write(message % {"release": release})
