"""A public table as a CSV or XLSX file: the cells the page shows, the data's time and definitions.

The tables are small (at most a few hundred rows), so the file is built in memory.
"""

import csv
import io

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

from apps.public.definitions import definitions_for

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_FIRST = frozenset("=+-@\t\r")


def _preamble(table, place, as_of):
    when = date_format(timezone.localtime(as_of), "Y-m-d H:i")
    return [
        [f"{place} · {table.title}" if place else table.title],
        [pgettext("public table", "Data updated %(when)s (Beijing time)") % {"when": when}],
    ]


def _closing(table):
    lines = [[]]
    if table.note:
        lines.append([table.note])
    lines.append([pgettext("public table", "Definitions")])
    lines.extend([[f"{d.title}: {d.body}"] for d in definitions_for(table.anchors)])
    return lines


def _cell_value(cell):
    return cell.number if cell.number is not None else cell.text


def _filename(table, slug, extension):
    return f"{slug}-{table.key}.{extension}"


def csv_download(table, *, place, slug, as_of):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerows(_preamble(table, place, as_of))
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        values = []
        for cell in row:
            value = _cell_value(cell)
            if isinstance(value, str) and value[:1] in FORMULA_FIRST:
                value = "'" + value
            values.append(value)
        writer.writerow(values)
    writer.writerows(_closing(table))
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, slug, "csv")}"'
    return response


def xlsx_download(table, *, place, slug, as_of):
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(table.key[:31])
    line = 0
    for values in _preamble(table, place, as_of):
        sheet.write_row(line, 0, values)
        line += 1
    sheet.write_row(line, 0, [column.label for column in table.columns], bold)
    line += 1
    for row in table.rows:
        sheet.write_row(
            line,
            0,
            [float(v) if not isinstance(v, str | int) else v for v in map(_cell_value, row)],
        )
        line += 1
    for values in _closing(table):
        sheet.write_row(line, 0, values)
        line += 1
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(table.columns), 14)
    workbook.close()
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, slug, "xlsx")}"'
    return response


def table_download(table, file_format, **kwargs):
    if file_format == "xlsx":
        return xlsx_download(table, **kwargs)
    return csv_download(table, **kwargs)
