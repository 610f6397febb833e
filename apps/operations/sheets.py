"""Reading an uploaded spreadsheet row by row, with bounded memory and plain-language errors.

* The format is found from the content, not the name: a ZIP container is read as XLSX (after
  ``apps.core.uploads`` has checked what it would unpack to and refused DTDs and entities),
  anything else as CSV text. Old binary ``.xls`` files and other binary data are refused.
* XLSX is read with openpyxl in read-only mode (rows streamed from the sheet's XML); formula
  cells are refused, because the file holds the formula, not the value the user sees.
* CSV is decoded as UTF-8 (with or without a byte-order mark) or, failing that, as GB18030
  (a superset of GBK, what Excel and WPS write for "CSV" on Chinese Windows); the encoding is
  found in a streaming pass over the file, then the rows are read in a second one.
* Limits from the settings: rows (``IMPORT_MAX_ROWS``), columns (``IMPORT_MAX_COLUMNS``) and the
  length of a cell (``IMPORT_MAX_CELL_CHARACTERS``).

Every problem raises ``SheetError`` with a sentence for the user.
"""

import codecs
import csv
import os
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from apps.core.export import FORMULA_FIRST_CHARACTERS
from apps.core.uploads import check_office_file

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV_DELIMITERS = ",;\t"
READ_BYTES = 1024 * 1024


class SheetError(Exception):
    """A problem with the whole file, told to the user as it stands."""

    def __init__(self, message, code="bad_file"):
        super().__init__(message)
        self.message = message
        self.code = code


class CellError(Exception):
    """A problem with one cell that the reader finds (a formula); reported by line and column."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass
class Row:
    line: int
    values: list
    errors: list  # CellError


def detect_format(path):
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        raise SheetError(
            _(
                "This is an old Excel 97–2003 file (.xls), which is not accepted. Open it in "
                "Excel or WPS and save it as .xlsx, or as CSV."
            ),
            code="xls",
        )
    return "csv"


def detect_encoding(path):
    """'utf-8-sig' or 'gb18030', or a SheetError for binary data or another encoding."""
    candidates = ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(READ_BYTES):
                    if b"\0" in chunk:
                        raise SheetError(
                            _(
                                "This file is neither an XLSX workbook nor a CSV text file. "
                                "Save the sheet from Excel or WPS as .xlsx or as CSV."
                            ),
                            code="binary",
                        )
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise SheetError(
        _(
            "The CSV file's text is neither UTF-8 nor GBK/GB18030, so its Chinese cannot be "
            "read. Save it again as “CSV UTF-8” (in Excel: Save As › CSV UTF-8)."
        ),
        code="encoding",
    )


def too_many_rows():
    return SheetError(
        _(
            "The file has more than %(limit)s rows, the most one import accepts. Split it into "
            "several files."
        )
        % {"limit": f"{settings.IMPORT_MAX_ROWS:,}"},
        code="too_many_rows",
    )


def too_many_columns(count):
    return SheetError(
        _("The sheet has %(count)d columns; at most %(limit)d are accepted.")
        % {"count": count, "limit": settings.IMPORT_MAX_COLUMNS},
        code="too_many_columns",
    )


def cell_too_long(header):
    return CellError(
        header,
        _("This cell holds more than %(limit)s characters.")
        % {"limit": f"{settings.IMPORT_MAX_CELL_CHARACTERS:,}"},
    )


def broken_file():
    return SheetError(
        _(
            "The workbook is damaged and could not be read to the end. Open it in Excel or "
            "WPS, save it again and upload the new copy."
        ),
        code="broken",
    )


class SheetReader:
    """Open with ``SheetReader(path, name)``; ``headers`` then ``rows()`` (a generator)."""

    def __init__(self, path, name):
        self.path = path
        self.name = name
        self.file_format = detect_format(path)
        self.encoding = ""
        self.declared_rows = None
        self.headers = []
        self._workbook = None
        self._handle = None
        self._rows = None
        if self.file_format == "xlsx":
            self._open_xlsx()
        else:
            self._open_csv()
        if not any(str(header).strip() for header in self.headers):
            self.close()
            raise SheetError(
                _("The first row must name the columns; this file's first row is empty."),
                code="no_headers",
            )

    # -- XLSX ------------------------------------------------------------------------------
    def _open_xlsx(self):
        try:
            check_office_file(self.path, name=self.name).close()
        except ValidationError as error:
            raise SheetError(" ".join(error.messages), code=error.code) from None
        try:
            # A file object: openpyxl judges a path by its extension, and the upload has none.
            self._handle = open(self.path, "rb")  # noqa: SIM115
            self._workbook = load_workbook(self._handle, read_only=True, data_only=False)
            sheet = self._workbook.worksheets[0]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError):
            raise SheetError(
                _(
                    "This ZIP file is not an Excel workbook. Save the sheet from Excel or WPS "
                    "as .xlsx or as CSV."
                ),
                code="not_xlsx",
            ) from None
        except Exception as error:  # lxml/defusedxml raise their own kinds on hostile XML
            raise broken_file() from error
        if sheet.max_column and sheet.max_column > settings.IMPORT_MAX_COLUMNS:
            raise too_many_columns(sheet.max_column)
        if sheet.max_row:
            self.declared_rows = max(sheet.max_row - 1, 0)
            if self.declared_rows > settings.IMPORT_MAX_ROWS:
                raise too_many_rows()
        self._rows = self._xlsx_rows(sheet)
        first = next(self._rows, None)
        self.headers = [] if first is None else first.values

    def _xlsx_rows(self, sheet):
        try:
            for line, cells in enumerate(sheet.iter_rows(), start=1):
                if len(cells) > settings.IMPORT_MAX_COLUMNS:
                    raise too_many_columns(len(cells))
                values, errors = [], []
                for index, cell in enumerate(cells):
                    value = cell.value
                    if getattr(cell, "data_type", None) == "f":
                        errors.append(
                            CellError(
                                self.header(index),
                                _("Formula cells are not accepted; enter the value instead."),
                            )
                        )
                        value = None
                    elif (
                        isinstance(value, str) and len(value) > settings.IMPORT_MAX_CELL_CHARACTERS
                    ):
                        errors.append(cell_too_long(self.header(index)))
                        value = None
                    values.append(value)
                yield Row(line, values, errors)
        except SheetError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as error:
            raise broken_file() from error
        except Exception as error:  # lxml.etree.XMLSyntaxError and kin
            if type(error).__module__.startswith(("lxml", "xml", "defusedxml")):
                raise broken_file() from error
            raise

    # -- CSV -------------------------------------------------------------------------------
    def _open_csv(self):
        self.encoding = detect_encoding(self.path)
        self._handle = open(self.path, encoding=self.encoding, newline="")  # noqa: SIM115
        first_line = self._handle.readline(64 * 1024)
        self._handle.seek(0)
        delimiter = max(CSV_DELIMITERS, key=first_line.count)
        csv.field_size_limit(settings.IMPORT_MAX_CELL_CHARACTERS * 4)
        self._rows = self._csv_rows(csv.reader(self._handle, delimiter=delimiter))
        first = next(self._rows, None)
        self.headers = [] if first is None else first.values

    def _csv_rows(self, reader):
        ended = 0
        try:
            for values in reader:
                line, ended = ended + 1, reader.line_num
                if len(values) > settings.IMPORT_MAX_COLUMNS:
                    raise too_many_columns(len(values))
                errors = []
                for index, value in enumerate(values):
                    if len(value) > settings.IMPORT_MAX_CELL_CHARACTERS:
                        errors.append(cell_too_long(self.header(index)))
                        values[index] = None
                    elif value[:1] == "'" and value[1:2] in FORMULA_FIRST_CHARACTERS:
                        # What the portal's own CSV export writes for such text.
                        values[index] = value[1:]
                yield Row(line, values, errors)
        except csv.Error:
            raise SheetError(
                _("Line %(line)d of the CSV file cannot be read (a cell is not closed).")
                % {"line": reader.line_num},
                code="csv",
            ) from None

    # -- both ------------------------------------------------------------------------------
    def header(self, index):
        if index < len(self.headers) and self.headers[index] not in (None, ""):
            return str(self.headers[index]).strip()
        return _("column %(number)d") % {"number": index + 1}

    def fraction_read(self, rows_read):
        """How far through the file the reading is, from 0 to 1 (for the progress bar)."""
        if self.declared_rows:
            return min(rows_read / self.declared_rows, 1)
        handle = self._handle
        if handle is not None and self.file_format == "csv":
            size = os.path.getsize(self.path) or 1
            return min(handle.buffer.tell() / size, 1)
        return 0

    def rows(self):
        """The data rows (blank rows skipped), each with its line in the file."""
        count = 0
        for row in self._rows:
            if all(value in (None, "") for value in row.values):
                continue
            count += 1
            if count > settings.IMPORT_MAX_ROWS:
                raise too_many_rows()
            yield row

    def close(self):
        if self._workbook is not None:
            self._workbook.close()
        if self._handle is not None:
            self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
