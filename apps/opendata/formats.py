"""Downloads of a dataset: CSV, XLSX and JSON, written row by row.

CSV and XLSX are written by the portal's one export writer (``apps.core.export``): text that a
spreadsheet would run as a formula gets a leading apostrophe in CSV and is a string cell in XLSX.
CSV and JSON are streamed by ``export.streaming_download``: a database lost before the first
chunk is the 503 page, lost after it ends the file with a line saying it is incomplete.
"""

import json
import tempfile

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse

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
    """The document a few hundred records at a time; the first chunk holds the first records
    too, so the rows are read before anything is sent."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    head = encoder.encode(meta)[:-1]
    parts = [f'{head}, "rows": [']
    for count, row in enumerate(rows):
        record = dict(zip(names, row, strict=True))
        parts.append(("," if count else "") + encoder.encode(record))
        if len(parts) >= ROWS_PER_CHUNK:
            yield "".join(parts).encode()
            parts = []
    parts.append("]}")
    yield "".join(parts).encode()


def file_chunks(fmt, *, names, rows, meta, title):
    """The whole file as chunks of bytes, to write to disk (apps.core.prebuilt)."""
    if fmt == "csv":
        yield from csv_chunks(names, rows)
    elif fmt == "json":
        yield from json_chunks(meta, names, rows)
    else:
        with xlsx_file(names, rows, title) as handle:
            while chunk := handle.read(1 << 20):
                yield chunk


def download(fmt, *, filename, names, rows, meta):
    name = f"{filename}.{fmt}"
    if fmt == "csv":
        return export.streaming_download(
            csv_chunks(names, rows), content_type=MEDIA_TYPES["csv"], filename=name
        )
    if fmt == "json":
        return export.streaming_download(
            json_chunks(meta, names, rows),
            content_type=MEDIA_TYPES["json"],
            filename=name,
            notice=export.text_notice,
        )
    response = FileResponse(xlsx_file(names, rows, filename), content_type=MEDIA_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
