"""Backups of the portal: the database (pg_dump, custom format) and the uploaded files.

``backup_create`` writes a folder named by the time it started (UTC) holding

    database.dump   pg_dump --format=custom of the whole database
    files.tar       the folders of ``settings.BACKUP_FILE_ROOTS``, each under its name
    manifest.json   written last: sizes and SHA-256 of both, and every table's row count

The row counts are taken in the transaction whose snapshot pg_dump dumps (``--snapshot``), so
a restore of the dump must reproduce them exactly, whatever was written meanwhile.
``backup_restore`` restores a backup into a database that is new or empty (never over one
that holds tables), checks the checksums first and the row counts after, and unpacks the
files into a new folder.

Both talk to PostgreSQL itself: pg_dump's snapshot and session settings do not survive
PgBouncer's transaction pooling, so with ``DATABASE_POOLER=pgbouncer`` they refuse to run.
"""

import datetime
import glob
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import environ
import psycopg2
from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _
from psycopg2 import sql
from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ, make_dsn

FORMAT = 1
DUMP_NAME = "database.dump"
FILES_NAME = "files.tar"
MANIFEST_NAME = "manifest.json"
# Keys of a Django connection's parameters that are not libpq's.
NOT_LIBPQ = frozenset(
    {"password", "cursor_factory", "isolation_level", "server_side_binding", "assume_role", "pool"}
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in the user's language."""


@dataclass
class RestoreReport:
    database: str
    tables: int = 0
    rows: int = 0
    mismatches: list = field(default_factory=list)
    files: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def _postgres_tool(name):
    """The newest Debian PostgreSQL's tool (pg_dump must be at least the server's version)."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[4]) if Path(path).parts[4].isdigit() else 0,
    )
    tool = found[-1] if found else shutil.which(name)
    if not tool:
        raise BackupError(
            _("%(tool)s was not found: install PostgreSQL's client programs.") % {"tool": name}
        )
    return tool


def _libpq(params):
    """A libpq connection string without the password, and the environment that carries it."""
    conninfo = make_dsn(
        **{
            key: value
            for key, value in params.items()
            if key not in NOT_LIBPQ and value not in (None, "") and isinstance(value, str | int)
        }
    )
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return conninfo, env


def _params_of_settings(settings_dict):
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER"),
        "password": settings_dict.get("PASSWORD"),
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
    }
    params.update(settings_dict.get("OPTIONS") or {})
    return params


def _connect(params):
    conninfo, _env = _libpq(params)
    return psycopg2.connect(conninfo, password=params.get("password") or None)


def _refuse_pooler():
    if settings.DATABASE_POOLER:
        raise BackupError(
            _(
                "DATABASE_URL points at a connection pooler (DATABASE_POOLER=%(pooler)s); "
                "run this with DATABASE_URL naming PostgreSQL itself."
            )
            % {"pooler": settings.DATABASE_POOLER}
        )


def _tables(cursor):
    """(schema, table) of every ordinary table outside PostgreSQL's own schemas."""
    cursor.execute(
        """
        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%%'
        ORDER BY 1, 2
        """
    )
    return cursor.fetchall()


def _row_counts(cursor):
    counts = {}
    for schema, table in _tables(cursor):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s")
            % {"tool": Path(command[0]).name, "error": result.stderr.strip()[-2000:]}
        )


def _archive_files(path):
    roots = {}
    with tarfile.open(path, "w") as archive:
        for name, root in settings.BACKUP_FILE_ROOTS.items():
            root = Path(root)
            count = size = 0
            if root.is_dir():
                for file in sorted(root.rglob("*")):
                    if file.is_file() and not file.is_symlink():
                        archive.add(
                            file, arcname=f"{name}/{file.relative_to(root)}", recursive=False
                        )
                        count += 1
                        size += file.stat().st_size
            roots[name] = {"path": str(root), "files": count, "bytes": size}
    return roots


def backup_create(*, destination, alias="default"):
    """Write a backup folder under ``destination``; returns its path and the manifest."""
    _refuse_pooler()
    started = time.monotonic()
    now = datetime.datetime.now(datetime.UTC)
    folder = Path(destination) / now.strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)

    connection = connections[alias]
    params = _params_of_settings(connection.settings_dict)
    conninfo, env = _libpq(params)
    seconds = {}
    snapshot_holder = _connect(params)
    try:
        snapshot_holder.set_session(isolation_level=ISOLATION_LEVEL_REPEATABLE_READ, readonly=True)
        with snapshot_holder.cursor() as cursor:
            cursor.execute(
                "SELECT pg_export_snapshot(), current_database(), version(), datcollate, datctype "
                "FROM pg_database WHERE datname = current_database()"
            )
            snapshot, database, server, collate, ctype = cursor.fetchone()
            counted = time.monotonic()
            counts = _row_counts(cursor)
            seconds["count_rows"] = round(time.monotonic() - counted, 1)
            dumped = time.monotonic()
            _run(
                [
                    _postgres_tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={folder / DUMP_NAME}",
                    f"--dbname={conninfo}",
                ],
                env,
            )
            seconds["pg_dump"] = round(time.monotonic() - dumped, 1)
    finally:
        snapshot_holder.close()

    archived = time.monotonic()
    roots = _archive_files(folder / FILES_NAME)
    seconds["files"] = round(time.monotonic() - archived, 1)
    dump, files = folder / DUMP_NAME, folder / FILES_NAME
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "database": {
            "name": database,
            "server": server,
            "collate": collate,
            "ctype": ctype,
            "file": DUMP_NAME,
            "bytes": dump.stat().st_size,
            "sha256": _sha256(dump),
            "tables": counts,
            "rows": sum(counts.values()),
        },
        "files": {
            "file": FILES_NAME,
            "bytes": files.stat().st_size,
            "sha256": _sha256(files),
            "roots": roots,
        },
        "seconds": {**seconds, "total": round(time.monotonic() - started, 1)},
    }
    partial = folder / f"{MANIFEST_NAME}.partial"
    partial.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    partial.rename(folder / MANIFEST_NAME)
    return folder, manifest


def read_manifest(folder):
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        raise BackupError(
            _("%(folder)s holds no manifest.json: not a complete backup.") % {"folder": folder}
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Unknown backup format %(format)s.") % {"format": manifest.get("format")}
        )
    for part in ("database", "files"):
        file = Path(folder) / manifest[part]["file"]
        if not file.is_file() or _sha256(file) != manifest[part]["sha256"]:
            raise BackupError(
                _("%(file)s is missing or damaged (its checksum differs).") % {"file": file}
            )
    return manifest


def _create_database(params, manifest):
    """Create the target database, or accept an existing one without tables."""
    maintenance = {**params, "dbname": "postgres"}
    name = params["dbname"]
    server = _connect(maintenance)
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                database = manifest["database"]
                cursor.execute(
                    sql.SQL(
                        "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE {} LC_CTYPE {}"
                    ).format(
                        sql.Identifier(name),
                        sql.Literal(database["collate"]),
                        sql.Literal(database["ctype"]),
                    )
                )
                return
    finally:
        server.close()
    target = _connect(params)
    try:
        with target.cursor() as cursor:
            tables = _tables(cursor)
    finally:
        target.close()
    if tables:
        raise BackupError(
            _("Database %(name)s already holds %(count)d tables: restore into a new database.")
            % {"name": name, "count": len(tables)}
        )


def _refuse_used_folder(destination):
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(
            _("%(folder)s is not empty: unpack the files into a new folder.")
            % {"folder": destination}
        )


def _unpack_files(archive_path, destination, manifest):
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path) as archive:
        archive.extractall(destination, filter="data")
    found = {}
    for name, expected in manifest["files"]["roots"].items():
        files = [path for path in (destination / name).rglob("*") if path.is_file()]
        found[name] = {
            "files": len(files),
            "bytes": sum(path.stat().st_size for path in files),
            "expected_files": expected["files"],
            "expected_bytes": expected["bytes"],
        }
    return found


def backup_restore(*, folder, database_url, files_to=None, jobs=2, keep_owners=True):
    """Restore the backup in ``folder`` into the new database ``database_url``; compare row
    counts (and the files' numbers and sizes when ``files_to`` is given)."""
    started = time.monotonic()
    manifest = read_manifest(folder)
    checked = time.monotonic()
    config = environ.Env.db_url_config(database_url)
    params = _params_of_settings(config)
    report = RestoreReport(database=params["dbname"])
    report.seconds["checksums"] = round(checked - started, 1)
    if files_to is not None:
        files_to = Path(files_to)
        _refuse_used_folder(files_to)
    _create_database(params, manifest)

    restoring = time.monotonic()
    conninfo, env = _libpq(params)
    command = [
        _postgres_tool("pg_restore"),
        "--exit-on-error",
        f"--jobs={jobs}",
        f"--dbname={conninfo}",
    ]
    if not keep_owners:
        command += ["--no-owner", "--no-privileges"]
    # Section by section, so that the report tells loading rows from building indexes.
    for section in ("pre-data", "data", "post-data"):
        began = time.monotonic()
        _run([*command, f"--section={section}", str(Path(folder) / DUMP_NAME)], env)
        report.seconds[section] = round(time.monotonic() - began, 1)
    report.seconds["pg_restore"] = round(time.monotonic() - restoring, 1)

    target = _connect(params)
    target.autocommit = True
    try:
        with target.cursor() as cursor:
            analysed = time.monotonic()
            cursor.execute("ANALYZE")
            report.seconds["analyze"] = round(time.monotonic() - analysed, 1)
            counted = time.monotonic()
            counts = _row_counts(cursor)
            report.seconds["count_rows"] = round(time.monotonic() - counted, 1)
    finally:
        target.close()
    expected = manifest["database"]["tables"]
    for table in sorted(set(expected) | set(counts)):
        if expected.get(table) != counts.get(table):
            report.mismatches.append((table, expected.get(table), counts.get(table)))
    report.tables = len(counts)
    report.rows = sum(counts.values())

    if files_to is not None:
        unpacked = time.monotonic()
        report.files = _unpack_files(Path(folder) / FILES_NAME, files_to, manifest)
        report.seconds["files"] = round(time.monotonic() - unpacked, 1)
        for name, found in report.files.items():
            if (found["files"], found["bytes"]) != (
                found["expected_files"],
                found["expected_bytes"],
            ):
                report.mismatches.append((f"files:{name}", found["expected_files"], found["files"]))
    report.seconds["total"] = round(time.monotonic() - started, 1)
    return report
