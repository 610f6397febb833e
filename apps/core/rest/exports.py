"""Open-data downloads: any filtered list as CSV or XLSX, streamed with flat memory.

Rows come from ``values_list(...).iterator(chunk_size)`` (a server-side cursor on PostgreSQL),
never from model instances or serializers, so 100,000 rows cost what one chunk costs. The files
are written by the portal's one export writer (``apps.core.export``): CSV row by row into a
``StreamingHttpResponse`` (``export.streaming_download``: a database lost midway ends the file
with a line saying it is incomplete); XLSX in constant-memory mode into an unlinked temporary
file that ``FileResponse`` then streams. Staff lists longer than ``EXPORT_BACKGROUND_THRESHOLD``
become background export jobs (``BackgroundExports``, supplied by the operations app) instead.
Anyone else's download is bounded (``API_ANONYMOUS_EXPORT_ROWS``, then a row pointing to the
whole list), and the unfiltered list is the open-data file itself (a redirect to the file built
once per data version, ``apps.core.prebuilt``).
"""

import tempfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from rest_framework.renderers import BaseRenderer

from apps.core import export, prebuilt
from apps.core.registry import registry

CHUNK_SIZE = 2000
CSV_MEDIA_TYPE = export.CSV_MEDIA_TYPE
XLSX_MEDIA_TYPE = export.XLSX_MEDIA_TYPE
EXPORT_FORMATS = export.FORMATS


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


def open_data_file(model, export_format):
    """The address of the open-data file holding every public record of ``model`` in
    ``export_format`` (its app's ``open_data`` dataset), or "" where it declares none."""
    record_type = registry.find(model)
    declared = record_type.hook("open_data") if record_type else None
    if not declared or export_format not in ("csv", "xlsx"):
        return ""
    return reverse("opendata:download", kwargs={"key": declared["key"], "fmt": export_format})


def bounded(rows, *, limit, whole, width):
    """At most ``limit`` rows, then a row saying the list goes on (and where it is whole)."""
    for count, row in enumerate(rows):
        if count == limit:
            if whole:
                text = gettext("Only the first %(limit)s rows. Every public record: %(url)s") % {
                    "limit": limit,
                    "url": whole,
                }
            else:
                text = gettext(
                    "Only the first %(limit)s rows: narrow the filters for the rest."
                ) % {"limit": limit}
            yield (text, *([None] * (width - 1)))
            return
        yield row


def export_rows(queryset, columns, chunk_size=CHUNK_SIZE, *, limit=None):
    """Yield tuples of plain values, one per record, reading the database a chunk at a time
    (at most ``limit`` + 1 records: one more tells that the list goes on)."""
    aliases = {f"export_{index}": column.expression() for index, column in enumerate(columns)}
    converters = [column.convert for column in columns]
    rows = (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(**aliases)
        .values_list(*aliases)
    )
    if limit is not None:
        rows = rows[: limit + 1]
    for row in rows.iterator(chunk_size=chunk_size):
        yield tuple(
            convert(value) if convert else value
            for convert, value in zip(converters, row, strict=True)
        )


def join_values(values):
    return ";".join(str(value) for value in values or () if value not in (None, ""))


def headers_of(columns):
    return [column.header for column in columns]


def _rows(queryset, columns, limit, whole):
    if limit is None:
        return export_rows(queryset, columns)
    return bounded(
        export_rows(queryset, columns, limit=limit), limit=limit, whole=whole, width=len(columns)
    )


def csv_response(queryset, columns, basename, *, limit=None, whole=""):
    return export.streaming_download(
        export.csv_chunks(headers_of(columns), _rows(queryset, columns, limit, whole)),
        content_type=export.MEDIA_TYPES["csv"],
        filename=export.filename(basename, "csv"),
    )


def xlsx_response(queryset, columns, basename, *, limit=None, whole=""):
    # Not a context manager: FileResponse closes the file (deleting it) once it is sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        export.write_xlsx(
            handle, headers_of(columns), _rows(queryset, columns, limit, whole), title=basename
        )
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=export.filename(basename, "xlsx"),
        content_type=XLSX_MEDIA_TYPE,
    )


def export_response(export_format, queryset, columns, basename, **bounds):
    if export_format == "xlsx":
        return xlsx_response(queryset, columns, basename, **bounds)
    return csv_response(queryset, columns, basename, **bounds)


# The whole public list of a resource without an open-data file, as anyone downloads it
# (``?format=csv`` with no filter): built once per data version (``apps.core.prebuilt``).
API_LIST = "api-list"


def _api_viewset(basename):
    """The viewset of the resource whose downloads are named ``basename``."""
    for record_type in registry.all():
        route = record_type.hook("api")
        if route is None:
            continue
        viewset = import_string(route[1])
        if getattr(viewset, "export_basename", None) == basename:
            return viewset
    return None


def write_api_list(args, fmt, target):
    """Write what an anonymous ``?format=<fmt>`` of the resource's whole list gives (its public
    columns, bounded as a request's download is) in the language ``args`` ends with."""
    basename, language = args.rsplit(".", 1)
    viewset = _api_viewset(basename)
    if viewset is None or viewset.export is None:
        raise Http404(basename)
    queryset = viewset().anonymous_export_queryset()
    ordering = getattr(viewset, "ordering", None)
    if ordering:
        queryset = queryset.order_by(*ordering)
    columns = viewset.export.columns(staff=False)
    with translation.override(language):
        rows = _rows(queryset, columns, settings.API_ANONYMOUS_EXPORT_ROWS, "")
        export.write(fmt, target, headers_of(columns), rows, title=basename)


prebuilt.register(API_LIST, write_api_list)


def prebuilt_list(basename, export_format):
    """The response of an anonymous download of a whole list, from its file."""
    return prebuilt.serve(
        API_LIST,
        f"{basename}.{translation.get_language()}",
        export_format,
        filename=export.filename(basename, export_format),
        content_type=export.MEDIA_TYPES[export_format],
    )


class BackgroundExports:
    """What a long staff download becomes: supplied by the operations app when it is ready
    (``set_background_exports``), so core knows only this interface and its imports point
    down. Without one, every download is streamed at once."""

    def start(self, *, request, view, export_format, queryset):
        """The response (202 and the job to follow) when the list is long enough to export in
        the background, or None to stream it at once."""
        return None


_background = BackgroundExports()


def set_background_exports(backend):
    global _background  # noqa: PLW0603 — one backend per process, set once at start-up
    _background = backend


def background_exports():
    return _background
