"""A public table as a CSV or XLSX file: the cells the page shows, the data's time and definitions.

The tables are small (at most a few hundred rows), so the file is built in memory, once per data
version and language (``apps.core.prebuilt``, registered by ``apps.public.views``).
"""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

from apps.core import export
from apps.public.definitions import definitions_for

CSV_TYPE = export.MEDIA_TYPES["csv"]
XLSX_TYPE = export.XLSX_MEDIA_TYPE


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


def _body(table):
    return [
        [column.label for column in table.columns],
        *([_cell_value(cell) for cell in row] for row in table.rows),
    ]


def csv_bytes(table, *, place, as_of):
    first, *preamble = _preamble(table, place, as_of)
    rows = [*preamble, *_body(table), *_closing(table)]
    return b"".join(export.csv_chunks(first, rows))


def xlsx_bytes(table, *, place, as_of):
    output = io.BytesIO()
    with export.XlsxBook(output) as book:
        sheet = book.add_sheet(table.key, widths=(24, *([14] * len(table.columns))))
        sheet.write_rows(_preamble(table, place, as_of))
        header, *rows = _body(table)
        sheet.write_row(header, book.bold)
        sheet.write_rows(rows)
        sheet.write_rows(_closing(table))
    return output.getvalue()


def table_bytes(table, file_format, **kwargs):
    if file_format == "xlsx":
        return xlsx_bytes(table, **kwargs)
    return csv_bytes(table, **kwargs)


def content_type(file_format):
    return XLSX_TYPE if file_format == "xlsx" else CSV_TYPE


def filename(table, slug, file_format):
    return _filename(table, slug, file_format)
