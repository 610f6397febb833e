"""Open-data downloads: any filtered list as CSV or XLSX, streamed with flat memory.

Rows come from ``values_list(...).iterator(chunk_size)`` (a server-side cursor on PostgreSQL),
never from model instances or serializers, so 100,000 rows cost what one chunk costs. CSV is
written row by row into a ``StreamingHttpResponse``; XLSX is built by XlsxWriter in constant-memory
mode into an unlinked temporary file that ``FileResponse`` then streams.
"""

import csv
import datetime
import io
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter
from django.db.models import F
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from rest_framework.renderers import BaseRenderer

CHUNK_SIZE = 2000
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "xlsx")
# Text that a spreadsheet would run as a formula (CWE-1236) gets a leading apostrophe in CSV.
FORMULA_FIRST_CHARACTERS = frozenset("=+-@\t\r")
ROWS_PER_WRITE = 500


class CSVRenderer(BaseRenderer):
    """Lets content negotiation accept ``?format=csv``; the list view streams the file itself."""

    media_type = CSV_MEDIA_TYPE
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Never reached for a download (the view streams it) nor for an error (sent as JSON).
        return str(data).encode("utf-8")


class XLSXRenderer(CSVRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None


@dataclass(frozen=True)
class Column:
    """One exported column: a header and what to read (a field path or an expression)."""

    header: str
    source: object = None
    convert: object = None

    def expression(self):
        if self.source is None:
            return F(self.header)
        if isinstance(self.source, str):
            return F(self.source)
        return self.source


@dataclass(frozen=True)
class ExportSpec:
    """The public columns and the columns staff get in addition."""

    public: list
    staff: list = field(default_factory=list)

    def columns(self, *, staff):
        return [*self.public, *self.staff] if staff else list(self.public)


def export_rows(queryset, columns, chunk_size=CHUNK_SIZE):
    """Yield tuples of plain values, one per record, reading the database a chunk at a time."""
    aliases = {f"export_{index}": column.expression() for index, column in enumerate(columns)}
    converters = [column.convert for column in columns]
    rows = (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(**aliases)
        .values_list(*aliases)
    )
    for row in rows.iterator(chunk_size=chunk_size):
        yield tuple(
            convert(value) if convert else value
            for convert, value in zip(converters, row, strict=True)
        )


def join_values(values):
    return ";".join(str(value) for value in values or () if value not in (None, ""))


def _csv_cell(value):
    # The csv module writes None as an empty field; text and booleans need a look.
    if type(value) is str:
        return "'" + value if value[:1] in FORMULA_FIRST_CHARACTERS else value
    if value is True:
        return "true"
    if value is False:
        return "false"
    return value


def _filename(basename, extension):
    return f"{basename}-{timezone.localdate():%Y%m%d}.{extension}"


def csv_response(queryset, columns, basename):
    def stream():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
        buffer.write("\ufeff")
        writer.writerow([column.header for column in columns])
        for count, row in enumerate(export_rows(queryset, columns), start=1):
            writer.writerow([_csv_cell(value) for value in row])
            if count % ROWS_PER_WRITE == 0:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")

    response = StreamingHttpResponse(stream(), content_type=f"{CSV_MEDIA_TYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(basename, "csv")}"'
    return response


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def write_xlsx(rows, columns, target, title):
    """Write the rows with XlsxWriter in constant-memory mode: each row goes to disk as written.

    Text stays text: strings that look like formulas or links are never turned into either.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    sheet = workbook.add_worksheet(title[:31])
    sheet.write_row(0, 0, [column.header for column in columns])
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, [_xlsx_value(value) for value in row])
    workbook.close()


def xlsx_response(queryset, columns, basename):
    # Not a context manager: FileResponse closes the file (deleting it) once it is sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        write_xlsx(export_rows(queryset, columns), columns, handle, basename)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_filename(basename, "xlsx"),
        content_type=XLSX_MEDIA_TYPE,
    )


def export_response(export_format, queryset, columns, basename):
    if export_format == "xlsx":
        return xlsx_response(queryset, columns, basename)
    return csv_response(queryset, columns, basename)
