"""Anonymous downloads built once per data version, then served from files.

A download anyone may ask for (an open dataset, a public table, the API's unfiltered list) is
not computed per request: the first request after the published data changed asks the worker
(``exports`` queue) to write the file for the new data version, and is served the previous
version's file meanwhile, as the page cache serves the previous page (stale-while-revalidate).
Only where no file was ever built (a new release, a new machine) does a request build one
itself, one request at a time per file; the others wait for it.

Each file lies at ``DOWNLOADS_ROOT/<code release>/<data version>/<kind>--<args>.<format>``,
written under a temporary name and renamed into place, so a reader never sees half a file. A
version's files are removed once two newer versions of the same file exist. The response is a
``FileResponse`` (gunicorn sends it with ``sendfile``); behind the proxy,
``DOWNLOADS_ACCEL_REDIRECT`` (the proxy's internal location of ``DOWNLOADS_ROOT``) hands the
file to the proxy with ``X-Accel-Redirect`` and no worker thread is held while it is sent.

An app declares what it builds with ``register(kind, write)``: ``write(args, fmt, target)``
writes the file for ``args`` (a short string naming which one: a dataset's key, a table and its
region) in ``fmt`` to the binary file ``target``.
"""

import contextlib
import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse

from apps.core import pagecache

_BUILDERS = {}
# How long a request waits for another one building the same file before building it too.
WAIT_FOR_BUILDER_SECONDS = 60
LOCK_SECONDS = 300
# Versions of a file kept beside the newest: the one readers may still be sent.
KEEP_VERSIONS = 2
SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,120}$")


def register(kind, write):
    if kind in _BUILDERS and _BUILDERS[kind] is not write:
        raise ValueError(f"the download kind {kind} is registered twice")
    _BUILDERS[kind] = write


def root():
    return Path(settings.DOWNLOADS_ROOT)


def _file_name(kind, args, fmt):
    name = f"{kind}--{args}.{fmt}" if args else f"{kind}.{fmt}"
    if not SAFE.match(name):
        raise Http404(name)
    return name


def path_for(kind, args, fmt, version):
    return root() / pagecache.code_release() / str(version) / _file_name(kind, args, fmt)


def _versions_of(name):
    """The data versions holding a built ``name`` of this release, newest first."""
    release = root() / pagecache.code_release()
    if not release.is_dir():
        return []
    versions = [
        int(entry.name)
        for entry in release.iterdir()
        if entry.name.isdigit() and (entry / name).is_file()
    ]
    return sorted(versions, reverse=True)


def build(kind, args, fmt, version):
    """Write the file of ``version`` (atomically) unless it is there; returns its path."""
    target = path_for(kind, args, fmt, version)
    if target.is_file():
        return target
    write = _BUILDERS.get(kind)
    if write is None:
        raise Http404(kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with open(partial, "wb") as handle:
            write(args, fmt, handle)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    _prune(target.name)
    return target


def _prune(name):
    for version in _versions_of(name)[KEEP_VERSIONS:]:
        stale = root() / pagecache.code_release() / str(version)
        (stale / name).unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # other files of that version are still there
            stale.rmdir()


def _lock_key(kind, args, fmt, version):
    return f"prebuilt:lock:{pagecache.code_release()}:{version}:{_file_name(kind, args, fmt)}"


def _queue_build(kind, args, fmt, version):
    """Ask the worker for the file once per version (the lock is the worker's to release)."""
    if cache.add(_lock_key(kind, args, fmt, version), 1, timeout=LOCK_SECONDS):
        from apps.core.tasks import build_download

        try:
            build_download.delay(kind, args, fmt, version)
        except Exception:
            # No broker: the next request builds it itself.
            cache.delete(_lock_key(kind, args, fmt, version))


def _build_here(kind, args, fmt, version):
    """No file to serve at all: build it in this request, one request at a time per file."""
    key = _lock_key(kind, args, fmt, version)
    target = path_for(kind, args, fmt, version)
    if not cache.add(key, 1, timeout=LOCK_SECONDS):
        deadline = time.monotonic() + WAIT_FOR_BUILDER_SECONDS
        while time.monotonic() < deadline:
            if target.is_file():
                return target
            time.sleep(0.2)
    try:
        return build(kind, args, fmt, version)
    finally:
        cache.delete(key)


def current_file(kind, args, fmt):
    """The file to send now: this data version's, else the newest built (its successor is
    queued), else one built here."""
    version = pagecache.current_version()
    name = _file_name(kind, args, fmt)
    target = path_for(kind, args, fmt, version)
    if target.is_file():
        return target
    built = _versions_of(name)
    if built:
        _queue_build(kind, args, fmt, version)
        return root() / pagecache.code_release() / str(built[0]) / name
    return _build_here(kind, args, fmt, version)


def serve(kind, args, fmt, *, filename, content_type, disposition="attachment"):
    """The download as a response: from its file, never computed for this request."""
    target = current_file(kind, args, fmt)
    accel = settings.DOWNLOADS_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            accel.rstrip("/") + "/" + target.relative_to(root()).as_posix()
        )
    else:
        response = FileResponse(open(target, "rb"), content_type=content_type)  # noqa: SIM115
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Any cache may keep it a while: the next data version is another file.
    response["Cache-Control"] = "public, max-age=60"
    return response
