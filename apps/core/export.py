"""The one export writer: every CSV and XLSX the portal hands out is written here (the admin's
export, the API's downloads, background export jobs, the annual report's workbook).

Text that a spreadsheet would read as a formula (CWE-1236: a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) never becomes one:

* in CSV it gets a leading apostrophe, which spreadsheets show as text and hide;
* in XLSX it is written as a string cell (``write_string``), never as a formula, a link or a
  number, whatever it starts with.

Both writers take rows one at a time, so memory stays flat whatever the number of rows: CSV is
yielded in chunks, XLSX is written by XlsxWriter in constant-memory mode (each row goes to a
temporary file as it is finished).

A file streamed to the client (``streaming_download``) reads its first chunk before the
response starts, so a database lost before the first byte fails the view (the 503 page of
``apps.core.views``); lost after it, the file ends with a line saying it is incomplete.
"""

import csv
import datetime
import io
import logging
from decimal import Decimal

import xlsxwriter
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext

from apps.core.views import SERVICE_ERRORS

CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {"csv": f"{CSV_MEDIA_TYPE}; charset=utf-8", "xlsx": XLSX_MEDIA_TYPE}
FORMATS = ("csv", "xlsx")
FORMULA_FIRST_CHARACTERS = frozenset("=+-@\t\r")
ROWS_PER_CHUNK = 500
SHEET_TITLE_LENGTH = 31
INVALID_SHEET_TITLE_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})

logger = logging.getLogger(__name__)


def looks_like_formula(text):
    return text[:1] in FORMULA_FIRST_CHARACTERS


def neutralise(text):
    """CSV text that a spreadsheet shows as typed, never runs."""
    return "'" + text if looks_like_formula(text) else text


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, str | Promise):
        return neutralise(force_str(value))
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    return neutralise(force_str(value))


def csv_chunks(headers, rows, *, progress=None):
    """Yield the CSV file as UTF-8 bytes (with a byte-order mark, so spreadsheet programs read
    Chinese correctly), a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([csv_value(header) for header in headers])
    count = 0
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_value(value) for value in row])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            if progress is not None:
                progress(count)
    yield buffer.getvalue().encode("utf-8")
    if progress is not None:
        progress(count)


def write_csv(target, headers, rows, *, progress=None):
    """Write the CSV into a binary file object; returns the number of rows."""
    written = 0

    def counted(count):
        nonlocal written
        written = count
        if progress is not None:
            progress(count)

    for chunk in csv_chunks(headers, rows, progress=counted):
        target.write(chunk)
    return written


def incomplete_notice():
    return gettext(
        "This download is incomplete: the connection to the database was lost while the file "
        "was being written. Download the file again."
    )


def csv_notice(text):
    """One CSV row holding ``text`` alone, the file's last."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([neutralise(text)])
    return buffer.getvalue().encode("utf-8")


def text_notice(text):
    """``text`` on a line of its own after what was written (a JSON document stays unclosed,
    so no parser takes the part for the whole)."""
    return f"\n{text}\n".encode()


def streaming_download(chunks, *, content_type, filename, notice=csv_notice):
    """A file streamed from ``chunks`` (bytes), its first chunk read before the response starts.

    A failing database or broker before the first chunk raises here, in the view: the client
    gets the 503 page as from any page. After it the status line and part of the file are on
    their way, so the file ends with ``notice(incomplete_notice())`` in the request's language
    and the failure is logged.
    """
    chunks = iter(chunks)
    first = next(chunks, b"")
    language = translation.get_language()

    def stream():
        yield first
        try:
            yield from chunks
        except SERVICE_ERRORS:
            logger.exception("The download %s stopped: a service failed after it began", filename)
            with translation.override(language):
                yield notice(incomplete_notice())

    response = StreamingHttpResponse(stream(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sheet_title(title):
    text = force_str(title).translate(INVALID_SHEET_TITLE_CHARACTERS).strip()
    return (text or "Sheet")[:SHEET_TITLE_LENGTH]


class XlsxSheet:
    def __init__(self, book, worksheet):
        self.book = book
        self.worksheet = worksheet
        self.row = 0

    def write_row(self, values, cell_format=None, *, formats=()):
        """One row; ``formats``: a format per column (None: ``cell_format``)."""
        for column, value in enumerate(values):
            own = formats[column] if column < len(formats) else None
            self.book.write_cell(self.worksheet, self.row, column, value, own or cell_format)
        self.row += 1

    def write_rows(self, rows, *, progress=None):
        count = 0
        for count, row in enumerate(rows, start=1):
            self.write_row(row)
            if progress is not None and count % ROWS_PER_CHUNK == 0:
                progress(count)
        if progress is not None:
            progress(count)
        return count

    def set_widths(self, widths):
        for column, width in enumerate(widths):
            self.worksheet.set_column(column, column, width)


class XlsxBook:
    """An XLSX workbook written row by row; text cells are always strings.

    Use as a context manager; ``target`` is a path or a binary file object.
    """

    def __init__(self, target):
        self.workbook = xlsxwriter.Workbook(
            target,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        self.bold = self.workbook.add_format({"bold": True})
        self.heading = self.workbook.add_format({"bold": True, "font_size": 14})
        self.date_format = self.workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime_format = self.workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        # Figures a reader adds up by eye (a report's counts and amounts), with thousands
        # separators; other exports keep plain numbers (a year, a code is no amount).
        self.grouped_integer = self.workbook.add_format({"num_format": "#,##0"})
        self.grouped_decimal = self.workbook.add_format({"num_format": "#,##0.00"})
        self.titles = set()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.workbook.close()

    def add_sheet(self, title, headers=None, *, widths=()):
        name = sheet_title(title)
        while name.casefold() in self.titles:
            name = sheet_title(name[: SHEET_TITLE_LENGTH - 2] + "_2")
        self.titles.add(name.casefold())
        sheet = XlsxSheet(self, self.workbook.add_worksheet(name))
        sheet.set_widths(widths)
        if headers is not None:
            sheet.write_row(headers, self.bold)
        return sheet

    def grouped(self, value):
        """The format that shows a figure with thousands separators: whole numbers as #,##0,
        amounts and shares (decimals) as #,##0.00; None for anything else."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return self.grouped_integer
        if isinstance(value, float | Decimal):
            return self.grouped_decimal
        return None

    def write_cell(self, worksheet, row, column, value, cell_format=None):
        if value is None or value == "":
            return
        if isinstance(value, bool):
            worksheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row, column, float(value), cell_format)
        elif isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)
            worksheet.write_datetime(row, column, value, cell_format or self.datetime_format)
        elif isinstance(value, datetime.date):
            worksheet.write_datetime(row, column, value, cell_format or self.date_format)
        else:
            # Whatever the text starts with, it is stored as a string, never a formula.
            worksheet.write_string(row, column, force_str(value), cell_format)


def write_xlsx(target, headers, rows, *, title, progress=None):
    """One sheet with a header row; returns the number of rows written."""
    with XlsxBook(target) as book:
        return book.add_sheet(title, headers).write_rows(rows, progress=progress)


def write(export_format, target, headers, rows, *, title, progress=None):
    if export_format == "xlsx":
        return write_xlsx(target, headers, rows, title=title, progress=progress)
    return write_csv(target, headers, rows, progress=progress)


def filename(basename, export_format):
    return f"{basename}-{timezone.localdate():%Y%m%d}.{export_format}"
