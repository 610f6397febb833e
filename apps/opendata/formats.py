"""Downloads of a dataset: CSV, XLSX and JSON, written row by row.

CSV and XLSX are written by the portal's one export writer (``apps.core.export``): text that a
spreadsheet would run as a formula gets a leading apostrophe in CSV and is a string cell in XLSX.
"""

import json
import tempfile

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, StreamingHttpResponse

from apps.core import export

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
ROWS_PER_CHUNK = 500


def csv_chunks(names, rows):
    return export.csv_chunks(names, rows)


def xlsx_file(names, rows, title):
    target = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    export.write_xlsx(target, names, rows, title=title)
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
