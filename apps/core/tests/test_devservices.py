"""The checkout's own PostgreSQL (scripts/devservices.py) never lands in another checkout's.

Another checkout's cluster holding the port this one prefers is "a foreign cluster": the
scripts must neither stop at "something answers" and use it, nor leave the settings pointing
at it. Each test builds a checkout of its own in a temporary folder (a copy of
scripts/devservices.py and of the settings), so the cluster the suite itself runs on is never
touched; the foreign cluster is a throwaway one, started and removed here.
"""

import glob
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from apps.core.tests.waiting import READY_LIMIT

ROOT = Path(settings.BASE_DIR)
INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
DEFAULT_PORT = 54329
DATABASE = "tsinghua_coop"

pytestmark = pytest.mark.skipif(not INITDB, reason="PostgreSQL's initdb is not installed")


def bindir():
    return Path(INITDB[-1]).parent


def as_cluster_user(cmd):
    """PostgreSQL refuses to run as root: as root, run its programs as the postgres user."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return not _answers(port)


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def psql(port, sql, database="postgres"):
    result = subprocess.run(
        [str(bindir() / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
        + ["-d", database, "-tAc", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def snapshot(port):
    """What another checkout would see of its cluster: its databases and its tables."""
    return {
        "databases": psql(
            port, "SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database"
        ),
        "tables": psql(
            port,
            "SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY 1)"
            " FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            DATABASE,
        ),
    }


@pytest.fixture
def foreign_cluster():
    """Another checkout's cluster: on 54329 when that is free (the real collision), else on a
    free port the checkout under test is told to prefer (POSTGRES_PORT); with its own
    tsinghua_coop database and a table."""
    port = DEFAULT_PORT if port_is_free(DEFAULT_PORT) else free_port()
    home = Path(tempfile.mkdtemp(prefix="foreign-pg-"))
    data = home / "data"
    try:
        if os.geteuid() == 0:
            shutil.chown(home, "postgres")
        subprocess.run(
            as_cluster_user(
                [str(bindir() / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
                + ["--no-sync", "--locale=C", "-E", "UTF8"]
            ),
            capture_output=True,
            check=True,
            cwd="/",
            timeout=READY_LIMIT,
        )
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories=''"
        subprocess.run(
            as_cluster_user(
                [str(bindir() / "pg_ctl"), "start", "-D", str(data), "-w", "-t", "600"]
                + ["-l", str(home / "log"), "-o", options]
            ),
            capture_output=True,
            check=True,
            cwd="/",
            timeout=READY_LIMIT,
        )
        psql(port, f"CREATE DATABASE {DATABASE}")
        psql(port, "CREATE TABLE another_checkouts_table (id integer)", DATABASE)
        yield port
    finally:
        subprocess.run(
            as_cluster_user([str(bindir() / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"]),
            capture_output=True,
            cwd="/",
        )
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def checkout(tmp_path):
    """A checkout of its own: the scripts and the settings, and an empty .data/."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    (root / "tsinghua_coop").mkdir()
    shutil.copy(ROOT / "scripts" / "devservices.py", root / "scripts")
    shutil.copy(ROOT / "tsinghua_coop" / "settings.py", root / "tsinghua_coop")
    yield root
    devservices(root, "stop")
    # Where the cluster lives when its user cannot reach the checkout (devservices.pg_locate).
    key = hashlib.sha1(str(root).encode()).hexdigest()[:10]
    shutil.rmtree(Path(tempfile.gettempdir()) / f"tsinghua-coop-pg-{key}", ignore_errors=True)


def checkout_env(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "POSTGRES_PORT", "DJANGO_ENV")
    }
    env.update(overrides)
    return env


def devservices(root, *args, **env):
    return subprocess.run(
        ["python3", str(root / "scripts" / "devservices.py"), *args],
        env=checkout_env(**env),
        capture_output=True,
        text=True,
        cwd=root,
        timeout=READY_LIMIT,
    )


def settings_database(root):
    """The default database of the checkout's settings, loaded as a fresh process would."""
    code = (
        "import json, runpy;"
        "db = runpy.run_path('tsinghua_coop/settings.py')['DATABASES']['default'];"
        "print(json.dumps({'HOST': db['HOST'], 'PORT': db['PORT'], 'NAME': db['NAME']}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=checkout_env(),
        capture_output=True,
        text=True,
        cwd=root,
        timeout=READY_LIMIT,
    )


def exported_url(stdout):
    line = stdout.strip()
    assert line.startswith("export DATABASE_URL="), stdout
    return line.removeprefix("export DATABASE_URL=").strip("'")


def test_own_cluster_starts_on_a_free_port_when_another_clusters_holds_the_preferred_one(
    foreign_cluster, checkout
):
    before = snapshot(foreign_cluster)
    preferred = {} if foreign_cluster == DEFAULT_PORT else {"POSTGRES_PORT": str(foreign_cluster)}

    started = devservices(checkout, "postgres", **preferred)

    assert started.returncode == 0, started.stderr
    url = exported_url(started.stdout)
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    assert port != foreign_cluster
    # The server on that port is the one whose data directory is this checkout's.
    own_data = (checkout / ".data" / "pg").resolve() / "data"
    assert psql(port, "SHOW data_directory") == str(own_data)
    # Later commands find it: the port is recorded, and the settings read it.
    assert (checkout / ".data" / "postgres-port").read_text().strip() == str(port)
    loaded = settings_database(checkout)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout) == {"HOST": "127.0.0.1", "PORT": port, "NAME": DATABASE}
    # Started again (scripts/test after scripts/up): the same cluster, found, not a second one.
    again = devservices(checkout, "postgres", **preferred)
    assert again.returncode == 0, again.stderr
    assert exported_url(again.stdout) == url
    assert snapshot(foreign_cluster) == before


def test_settings_without_database_url_or_a_cluster_of_the_checkouts_own_fail_naming_both(
    checkout,
):
    loaded = settings_database(checkout)

    assert loaded.returncode != 0
    assert "DATABASE_URL" in loaded.stderr
    assert "scripts/devservices.py postgres" in loaded.stderr


def test_stopping_the_cluster_forgets_its_port(checkout):
    (checkout / ".data").mkdir()
    (checkout / ".data" / "postgres-port").write_text("54330\n")

    assert devservices(checkout, "stop").returncode == 0

    assert not (checkout / ".data" / "postgres-port").exists()
