from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.agreements.transfer_report import render, transfer_report


class Command(BaseCommand):
    help = gettext_lazy(
        "Write the annual report on the transfer of achievements (科技成果转化年度报告) of a "
        "year: XLSX, or PDF when the output file ends with .pdf."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True)

    def handle(self, *args, year, output, **options):
        if not 1983 <= year <= 2100:
            raise CommandError(_("Give a year from 1983 to 2100."))
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(_("No such folder: %(folder)s") % {"folder": path.parent})
        report = transfer_report(year=year)
        path.write_bytes(render(report, path))
        missing = sum(not item.has_source for section in report.sections for item in section.fields)
        self.stdout.write(
            _("%(path)s written; %(missing)d fields have no source yet.")
            % {"path": path, "missing": missing}
        )
