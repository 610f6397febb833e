"""The annual cooperation report: its figures (a fixed number of aggregate queries, whatever
the number of records) and its XLSX and PDF renderings.

Its records are the published ones (each record type's publication rule, as on the public
site, in the API's figures and on the dashboard), a city counted with its districts: the
report's figure for a region and year is the dashboard's and the API's.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import F
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.core.export import XlsxBook
from apps.core.registry import registry
from apps.core.report import ReportPeriod
from apps.core.scope import place_of
from apps.regions.models import City, Province


@dataclass
class ReportFigures:
    year: int
    region_name: str
    headline: list = field(default_factory=list)  # (label, value)
    contracts_by_kind: list = field(default_factory=list)  # (kind label, count, amount)
    events_by_kind: list = field(default_factory=list)  # (kind label, count, participants)
    breakdown_title: str = ""
    breakdown: list = field(default_factory=list)  # (region, contracts, amount, events)
    largest_contracts: list = field(default_factory=list)  # (number, title, partner, dept, amount)
    agreements: list = field(default_factory=list)  # (number, title, signed on)


def report_sections():
    """Every record type's section of the report (its app's ``report`` declaration), in
    their order."""
    sections = [
        record_type.hook("report")
        for record_type in registry.all()
        if record_type.hook("report") is not None
    ]
    return sorted(sections, key=lambda section: section.order)


def collect_figures(*, year, province=None, city=None, region_name="", progress=None):
    """Every figure of the report for one year and one region (None: the whole university)."""
    progress = progress or (lambda percent, step: None)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    figures = ReportFigures(year=year, region_name=region_name)
    period = ReportPeriod(start, end, city or province)
    parts = []
    percent = 10
    for section in report_sections():
        if section.step is not None:
            progress(percent, str(section.step))
            percent += 15
        part = section.collect(period)
        parts.append(part)
        figures.headline += part.headline
        for name, rows in part.tables.items():
            setattr(figures, name, rows)

    progress(55, _("Breakdown by region"))
    if city is None:
        figures.breakdown_title, figures.breakdown = _breakdown(province, parts)
    return figures


def _breakdown(province, parts):
    """Per province (whole university) or per city with its districts (a province): each
    section's columns (contracts and their amount, events)."""
    if province is None:
        title = _("By province")
        group = F("province_id")
        names = {p.pk: p.name for p in Province.objects.all()}
    else:
        title = _("By city")
        group = place_of()
        names = None
    parts = [part for part in parts if part.breakdown is not None]
    columns = [part.breakdown(group) for part in parts]
    keys = list(dict.fromkeys(key for column in columns for key in column))
    table = {
        key: [
            value
            for part, column in zip(parts, columns, strict=True)
            for value in column.get(key, part.breakdown_empty)
        ]
        for key in keys
    }
    if names is None:
        ids = [key for key in table if key is not None]
        names = {c.pk: c.name for c in City.objects.filter(pk__in=ids)}
    unnamed = _("(no city given)")
    rows = [
        (names.get(key, unnamed) if key is not None else unnamed, *values)
        for key, values in table.items()
    ]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return title, rows


def render_xlsx(figures):
    """The report's workbook, written by the portal's one export writer: contract titles and
    partner names are string cells, never formulas."""
    buffer = io.BytesIO()
    with XlsxBook(buffer) as book:
        summary = book.add_sheet(_("Summary"), widths=(36, 22))
        summary.write_row(
            [_("%(year)s annual cooperation report") % {"year": figures.year}], book.heading
        )
        summary.write_row([_("Region"), figures.region_name])
        summary.write_row([])
        summary.write_row([_("Figure"), _("Value")], book.bold)
        summary.write_rows(figures.headline)
        tables = [
            (
                _("Contracts by kind"),
                [_("Kind"), _("Contracts"), _("Amount (CNY)")],
                figures.contracts_by_kind,
                (28, 12, 20),
            ),
            (
                _("Events by kind"),
                [_("Kind"), _("Events"), _("Participants")],
                figures.events_by_kind,
                (28, 12, 14),
            ),
        ]
        if figures.breakdown:
            tables.append(
                (
                    figures.breakdown_title,
                    [_("Region"), _("Contracts"), _("Amount (CNY)"), _("Events")],
                    figures.breakdown,
                    (24, 12, 20, 10),
                )
            )
        tables += [
            (
                _("Largest contracts"),
                [_("Number"), _("Title"), _("Partner"), _("Department"), _("Amount (CNY)")],
                figures.largest_contracts,
                (18, 40, 30, 24, 18),
            ),
            (
                _("Agreements signed"),
                [_("Number"), _("Title"), _("Signed on")],
                figures.agreements,
                (18, 50, 14),
            ),
        ]
        for title, headers, rows, widths in tables:
            book.add_sheet(title, headers, widths=widths).write_rows(rows)
    return buffer.getvalue()


def render_pdf(figures):
    from weasyprint import HTML

    html = render_to_string("operations/report.html", {"figures": figures})
    return HTML(string=html).write_pdf()
