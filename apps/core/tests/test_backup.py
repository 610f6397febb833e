"""manage.py backup and restore: a dump and the uploaded files, restored into a new database
with every table's row count checked against the manifest."""

import json
from urllib.parse import quote

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from apps.core.backup import MANIFEST_NAME
from apps.events.tests.factories import ExchangeEventFactory
from apps.regions.tests.factories import ProvinceFactory

# Only the round trip commits its rows (pg_dump reads from a connection of its own).
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def url_of(database):
    params = connection.settings_dict
    credentials = quote(params["USER"] or "")
    if params["PASSWORD"]:
        credentials += ":" + quote(params["PASSWORD"])
    return (
        f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        f"/{database}"
    )


def drop_database(name):
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    server = psycopg2.connect(**params)
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


def count_in(database, table):
    params = connection.get_connection_params()
    params["dbname"] = database
    with psycopg2.connect(**params) as other, other.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        count = cursor.fetchone()[0]
    other.close()
    return count


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    drop_database(name)
    yield name
    drop_database(name)


@pytest.fixture
def uploads(settings, tmp_path):
    media, attachments = tmp_path / "media", tmp_path / "attachments"
    (media / "logos").mkdir(parents=True)
    (media / "logos" / "partner.png").write_bytes(b"\x89PNG" + b"0" * 100)
    (attachments / "2026" / "11").mkdir(parents=True)
    (attachments / "2026" / "11" / "proposal.pdf").write_bytes(b"%PDF-1.7 " + b"1" * 500)
    settings.BACKUP_FILE_ROOTS = {"media": media, "request-attachments": attachments}
    return tmp_path


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_new_database_gives_the_same_rows_and_files(
    uploads, restored_name, capsys
):
    ExchangeEventFactory.create_batch(3)
    ProvinceFactory()

    call_command("backup", "--to", str(uploads / "backups"))
    (folder,) = (uploads / "backups").iterdir()
    manifest = json.loads((folder / MANIFEST_NAME).read_text())
    assert manifest["database"]["tables"]["public.events_exchangeevent"] == 3
    assert manifest["files"]["roots"]["media"]["files"] == 1
    assert manifest["files"]["roots"]["request-attachments"]["bytes"] == 509

    ExchangeEventFactory()  # written after the backup: not in the restored database
    call_command(
        "restore",
        str(folder),
        "--database-url",
        url_of(restored_name),
        "--files-to",
        str(uploads / "restored-files"),
    )

    assert "Row counts match" in capsys.readouterr().out
    assert count_in(restored_name, "events_exchangeevent") == 3
    assert (
        count_in(restored_name, "regions_province")
        == manifest["database"]["tables"]["public.regions_province"]
    )
    restored = uploads / "restored-files"
    assert (restored / "media" / "logos" / "partner.png").read_bytes().startswith(b"\x89PNG")
    assert (restored / "request-attachments" / "2026" / "11" / "proposal.pdf").stat().st_size == 509


def test_restore_refuses_a_database_that_holds_tables_and_a_damaged_dump(uploads, restored_name):
    call_command("backup", "--to", str(uploads / "backups"))
    (folder,) = (uploads / "backups").iterdir()

    with pytest.raises(CommandError, match="already holds"):
        call_command(
            "restore", str(folder), "--database-url", url_of(connection.settings_dict["NAME"])
        )

    used = uploads / "used"
    used.mkdir()
    (used / "kept.txt").write_text("not ours to overwrite")
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore",
            str(folder),
            "--database-url",
            url_of(restored_name),
            "--files-to",
            str(used),
        )
    with pytest.raises(psycopg2.OperationalError):  # refused before the database was made
        count_in(restored_name, "events_exchangeevent")

    dump = folder / "database.dump"
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), "--database-url", url_of(restored_name))


def test_restore_reports_tables_whose_row_counts_differ(uploads, restored_name):
    call_command("backup", "--to", str(uploads / "backups"))
    (folder,) = (uploads / "backups").iterdir()
    path = folder / MANIFEST_NAME
    manifest = json.loads(path.read_text())
    manifest["database"]["tables"]["public.events_exchangeevent"] = 5
    path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="1 table differs"):
        call_command("restore", str(folder), "--database-url", url_of(restored_name))


def test_backup_refuses_to_run_through_pgbouncer(settings, tmp_path):
    settings.DATABASE_POOLER = "pgbouncer"
    with pytest.raises(CommandError, match="DATABASE_POOLER"):
        call_command("backup", "--to", str(tmp_path))
    assert not any(tmp_path.iterdir())
