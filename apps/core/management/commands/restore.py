from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder (manage.py backup) into a NEW database, never over one that "
        "holds tables, and check that every table has the row count the manifest recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by manage.py backup")
        parser.add_argument(
            "--database-url",
            required=True,
            help="the database to create and restore into, e.g. postgres://user@host:5432/coop_restored",
        )
        parser.add_argument(
            "--files-to", help="a new folder to unpack the files into (one folder per root)"
        )
        parser.add_argument("--jobs", type=int, default=2, help="pg_restore's parallel jobs")
        parser.add_argument(
            "--no-owner",
            action="store_true",
            help="do not restore owners and privileges (a cluster without the original roles)",
        )

    def handle(self, *args, folder, database_url, files_to, jobs, no_owner, **options):
        try:
            report = backup_restore(
                folder=folder,
                database_url=database_url,
                files_to=files_to,
                jobs=jobs,
                keep_owners=not no_owner,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        seconds = report.seconds
        self.stdout.write(
            _(
                "Restored into %(database)s: pg_restore %(restore)s s (schema %(schema)s s, "
                "rows %(rows)s s, indexes and constraints %(indexes)s s), ANALYZE %(analyze)s s, "
                "total %(total)s s"
            )
            % {
                "database": report.database,
                "restore": seconds["pg_restore"],
                "schema": seconds["pre-data"],
                "rows": seconds["data"],
                "indexes": seconds["post-data"],
                "analyze": seconds["analyze"],
                "total": seconds["total"],
            }
        )
        for name, found in report.files.items():
            self.stdout.write(
                _("files %(name)s: %(count)d of %(expected)d")
                % {"name": name, "count": found["files"], "expected": found["expected_files"]}
            )
        if report.mismatches:
            for table, expected, found in report.mismatches:
                self.stderr.write(
                    _("%(table)s: %(expected)s in the backup, %(found)s restored")
                    % {"table": table, "expected": expected, "found": found}
                )
            count = len(report.mismatches)
            raise CommandError(
                ngettext(
                    "%(count)d table differs from the backup.",
                    "%(count)d tables differ from the backup.",
                    count,
                )
                % {"count": count}
            )
        self.stdout.write(
            _("Row counts match: %(tables)d tables, %(rows)d rows.")
            % {"tables": report.tables, "rows": report.rows}
        )
