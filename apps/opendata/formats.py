"""Downloads of a dataset: CSV, XLSX and JSON, written row by row.

Text that a spreadsheet would run as a formula is neutralised as everywhere in the portal:
a leading apostrophe in CSV, a string cell in XLSX. (When core's export writer lands, these
writers become calls to it.)
"""

import csv
import datetime
import io
import json
import tempfile
from decimal import Decimal

import xlsxwriter
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, StreamingHttpResponse

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMULA_FIRST = frozenset("=+-@\t\r")
ROWS_PER_CHUNK = 500


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in FORMULA_FIRST:
        return "'" + value
    return value


def csv_chunks(names, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    buffer.write("\ufeff")  # spreadsheet programs then read the Chinese right
    writer.writerow(names)
    for count, row in enumerate(rows, start=1):
        writer.writerow([_csv_value(value) for value in row])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def xlsx_file(names, rows, title):
    target = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for column, name in enumerate(names):
        sheet.write_string(0, column, name, bold)
    for line, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(line, column, value)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(line, column, float(value))
            elif isinstance(value, datetime.date):
                sheet.write_datetime(line, column, value, date_format)
            else:
                sheet.write_string(line, column, str(value))
    book.close()
    target.seek(0)
    return target


def json_chunks(meta, names, rows):
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    head = encoder.encode(meta)[:-1]
    yield f'{head}, "rows": ['.encode()
    for count, row in enumerate(rows):
        record = dict(zip(names, row, strict=True))
        yield (("," if count else "") + encoder.encode(record)).encode()
    yield b"]}"


def download(fmt, *, filename, names, rows, meta):
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(names, rows), content_type=MEDIA_TYPES["csv"])
    elif fmt == "xlsx":
        response = FileResponse(xlsx_file(names, rows, filename), content_type=MEDIA_TYPES["xlsx"])
    else:
        response = StreamingHttpResponse(
            json_chunks(meta, names, rows), content_type=MEDIA_TYPES["json"]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
