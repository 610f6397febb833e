from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from apps.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the uploaded files (BACKUP_FILE_ROOTS) "
        "into a new folder named by the time, with a manifest of sizes, checksums and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", dest="destination", help="where the backup folder is made (BACKUP_ROOT)"
        )

    def handle(self, *args, destination=None, **options):
        try:
            folder, manifest = backup_create(destination=destination or settings.BACKUP_ROOT)
        except BackupError as error:
            raise CommandError(str(error)) from error
        database, files, seconds = manifest["database"], manifest["files"], manifest["seconds"]
        self.stdout.write(_("Backup written to %(folder)s") % {"folder": folder})
        self.stdout.write(
            _("database %(name)s: %(tables)d tables, %(rows)d rows, %(size)s in %(seconds)s s")
            % {
                "name": database["name"],
                "tables": len(database["tables"]),
                "rows": database["rows"],
                "size": filesizeformat(database["bytes"]),
                "seconds": seconds["pg_dump"],
            }
        )
        for name, root in files["roots"].items():
            self.stdout.write(
                _("files %(name)s (%(path)s): %(count)d files, %(size)s")
                % {
                    "name": name,
                    "path": root["path"],
                    "count": root["files"],
                    "size": filesizeformat(root["bytes"]),
                }
            )
        self.stdout.write(_("total %(seconds)s s") % {"seconds": seconds["total"]})
