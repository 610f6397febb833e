from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from apps.accounts.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the staff roles (headquarters, office staff, auditors) and their permissions."

    def handle(self, *args, **options):
        sync_roles()
        self.stdout.write(_("Roles are up to date."))
