"""The production layout of deploy/ agrees with itself and with the settings: PgBouncer's pool is
the host's connection budget, and the sum the README states for the primary is what the files
open."""

import configparser
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from apps.core.tests.waiting import READY_LIMIT

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
WEB_HOSTS = 2  # deploy/README.md
MAINTENANCE = 5


def env_file(name):
    values = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def pgbouncer():
    parser = configparser.ConfigParser(inline_comment_prefixes=None)
    parser.read_string((DEPLOY / "pgbouncer" / "pgbouncer.ini").read_text())
    return parser


def settings_under(environment):
    """The settings a process started with ``environment`` gets (a fresh process)."""
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'per_host': s.DATABASE_CONNECTIONS_PER_HOST, "
        "'per_process': s.DATABASE_CONNECTIONS_PER_PROCESS, "
        "'workers': s.WEB_WORKERS, 'threads': s.WEB_THREADS, "
        "'max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
        "'port': s.DATABASES['default']['PORT'], 'name': s.DATABASES['default']['NAME'], "
        "'pooler': s.DATABASE_POOLER}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        timeout=READY_LIMIT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pgbouncer_pools_by_transaction_the_hosts_budget():
    ini, web = pgbouncer(), env_file("coop.env.example")
    bouncer = ini["pgbouncer"]
    budget = int(web["DATABASE_CONNECTIONS_PER_HOST"])
    url = urlsplit(web["DATABASE_URL"])

    assert bouncer["pool_mode"] == "transaction"
    assert int(bouncer["default_pool_size"]) == int(bouncer["max_db_connections"]) == budget
    assert int(bouncer["max_client_conn"]) >= budget
    assert (url.hostname, url.port) == (bouncer["listen_addr"], int(bouncer["listen_port"]))
    assert url.path.strip("/") in ini["databases"]


def test_the_web_hosts_settings_enforce_the_stated_budget():
    found = settings_under(env_file("coop.env.example"))

    assert found == {
        "per_host": 16,
        "per_process": 4,  # 4 workers
        "workers": 4,
        "threads": 16,
        "max_age": 0,  # fewer slots than threads: a connection closes with its request
        "port": 6432,
        "name": "coop",
        "pooler": "pgbouncer",
    }


def test_the_celery_units_connect_directly():
    found = settings_under({**env_file("coop.env.example"), **env_file("celery.env.example")})

    assert found["pooler"] == "" and found["port"] == 5432
    # One task at a time per process: one kept connection each, as deploy/README.md counts.
    assert (found["per_process"], found["max_age"]) == (0, 60)


def test_the_readme_sum_of_connections_on_the_primary_is_what_the_files_open():
    pool = int(pgbouncer()["pgbouncer"]["default_pool_size"])
    celery = sum(
        int(env_file(f"queues/{queue.stem}.env")["CONCURRENCY"])
        for queue in sorted((DEPLOY / "queues").glob("*.env"))
    )
    server = dict(
        re.findall(r"^(\w+) = (\d+)$", (DEPLOY / "postgresql" / "coop.conf").read_text(), re.M)
    )
    beat = 1
    total = WEB_HOSTS * pool + celery + beat + MAINTENANCE
    total += int(server["superuser_reserved_connections"])
    readme = (DEPLOY / "README.md").read_text()

    assert celery + beat == 12
    assert total <= int(server["max_connections"])
    assert f"**{total} of {server['max_connections']}**" in readme
    assert f"| web hosts: {WEB_HOSTS} × PgBouncer's pool ({pool}) | {WEB_HOSTS * pool} |" in readme


def test_the_systemd_units_run_a_worker_per_queue_with_its_limits():
    unit = (DEPLOY / "systemd" / "coop-worker@.service").read_text()
    queues = {path.stem for path in (DEPLOY / "queues").glob("*.env")}

    assert "-Q %i --concurrency ${CONCURRENCY} --time-limit ${TIME_LIMIT}" in unit
    assert queues == {queue.name for queue in settings.CELERY_TASK_QUEUES}
