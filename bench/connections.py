#!/usr/bin/env python3
"""How many connections two web hosts open on PostgreSQL, measured: without a budget, with the
production budget straight to PostgreSQL, and with it through each host's PgBouncer.

    .venv/bin/python bench/connections.py [--clients 256] [--requests 4] [--keep]

In a new temporary folder, on free ports of 127.0.0.1 (no cluster of the machine or of the
checkout is touched), it starts a primary PostgreSQL of its own with ``max_connections`` 100
(deploy/postgresql/coop.conf), migrated, with 100 contracts and 40 events from the tests'
factories and a staff token; then, for each case, two gunicorns ("hosts") with
``gunicorn.conf.py`` and the workers, threads and budget of ``deploy/coop.env.example``, and a
PgBouncer per host made from ``deploy/pgbouncer/pgbouncer.ini`` (its pool settings kept; the
address, authentication and files of the folder). N clients, half on each host, send staff API
requests (the token is read on every request; lists are not cached for staff) while
PostgreSQL's client connections are sampled from ``pg_stat_activity`` every 50 ms. It prints a
line per case and a Markdown table (README, "Connection budget").
"""

from __future__ import annotations

import argparse
import configparser
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(ROOT / "scripts"))

import devservices  # noqa: E402  (its PostgreSQL helpers: binaries, the unprivileged user)
import psycopg2  # noqa: E402

DATABASE, APP_USER = "coop", "coop"
MAX_CONNECTIONS = 100
WAIT_SECONDS = 180
SET_UP_DATA = """
import json
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from apps.agreements.tests.factories import ContractFactory
from apps.events.tests.factories import ExchangeEventFactory
from apps.regions.tests.factories import CityFactory

call_command("migrate", interactive=False, verbosity=0)
city = CityFactory()
ExchangeEventFactory.create_batch(40, city=city, province=city.province)
ContractFactory.create_batch(100)
user = get_user_model().objects.create_superuser("bench", "bench@example.invalid", None)
print(json.dumps({"token": Token.objects.create(user=user).key}))
"""
PATHS = [
    "/api/v1/events/?ordering=code",
    "/api/v1/contracts/?ordering=-signed_on",
    "/api/v1/projects/?ordering=code",
    "/api/v1/organizations/",
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def env_file(path):
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


class Bench:
    def __init__(self, args):
        self.args = args
        self.bindir = devservices.pg_bindir()
        self.pg_user = devservices.pg_user()
        self.home = Path(tempfile.mkdtemp(prefix="pool-connections-"))
        self.primary_port = free_port()
        self.production = env_file(ROOT / "deploy" / "coop.env.example")
        self.stops = []

    def as_pg(self, command, **kwargs):
        kwargs.setdefault("check", True)
        kwargs.setdefault("cwd", "/")
        kwargs.setdefault("capture_output", True)
        return subprocess.run(devservices.as_user(self.pg_user, command), **kwargs)

    def sql(self, query, port=None, database=DATABASE):
        connection = psycopg2.connect(
            host="127.0.0.1", port=port or self.primary_port, user="postgres", dbname=database
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(query)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def url(self, port):
        return f"postgres://{APP_USER}@127.0.0.1:{port}/{DATABASE}"

    def django_env(self, overrides):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "REDIS", "CELERY_", "DJANGO_", "PG", "CONN_"))
        }
        files = self.home / "files"
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "tsinghua_coop.settings",
                "DATABASE_URL": self.url(self.primary_port),
                "REDIS_URL": "",
                "CELERY_BROKER_URL": "memory://",
                "CELERY_TASK_ALWAYS_EAGER": "true",
                "DEBUG": "false",
                "LOG_LEVEL": "WARNING",
                "WEB_CONCURRENCY": self.production["WEB_CONCURRENCY"],
                "GUNICORN_THREADS": self.production["GUNICORN_THREADS"],
                "DATABASE_CONNECTION_WAIT_SECONDS": self.production[
                    "DATABASE_CONNECTION_WAIT_SECONDS"
                ],
                "MEDIA_ROOT": str(files / "media"),
                "REQUEST_ATTACHMENTS_ROOT": str(files / "attachments"),
                "REPORTS_ROOT": str(files / "reports"),
                "IMPORTS_ROOT": str(files / "imports"),
                "EXPORTS_ROOT": str(files / "exports"),
                **overrides,
            }
        )
        return env

    def set_up(self):
        if self.pg_user is not None:
            subprocess.run(["chown", f"{self.pg_user}:", str(self.home)], check=True)
        data = self.home / "primary"
        self.as_pg(
            [str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
            + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.primary_port} "
            f"-c unix_socket_directories='' -c max_connections={MAX_CONNECTIONS} "
            "-c fsync=off -c synchronous_commit=off"
        )
        self.as_pg(
            [str(self.bindir / "pg_ctl"), "start", "-D", str(data), "-w"]
            + ["-l", str(self.home / "primary.log"), "-o", options]
        )
        self.stops.append(
            lambda: self.as_pg(
                [str(self.bindir / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"],
                check=False,
            )
        )
        self.sql(f"CREATE ROLE {APP_USER} LOGIN", database="postgres")
        self.sql(f"CREATE DATABASE {DATABASE} OWNER {APP_USER}", database="postgres")
        out = subprocess.run(
            [str(VENV_PYTHON), "manage.py", "shell", "-c", SET_UP_DATA],
            cwd=ROOT,
            env=self.django_env({}),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        self.token = json.loads(out.strip().splitlines()[-1])["token"]
        print(f"primary on 127.0.0.1:{self.primary_port}, max_connections {MAX_CONNECTIONS}")

    def start_pgbouncer(self, name):
        source = configparser.ConfigParser()
        source.read(ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini")
        pool = {
            key: source["pgbouncer"][key]
            for key in (
                "pool_mode",
                "default_pool_size",
                "max_db_connections",
                "min_pool_size",
                "reserve_pool_size",
                "max_client_conn",
                "query_wait_timeout",
            )
        }
        port = free_port()
        users = self.home / f"{name}-users.txt"
        users.write_text(f'"{APP_USER}" ""\n"postgres" ""\n')
        config = self.home / f"{name}.ini"
        config.write_text(
            "[databases]\n"
            f"{DATABASE} = host=127.0.0.1 port={self.primary_port} dbname={DATABASE}\n"
            "[pgbouncer]\n"
            + "".join(f"{key} = {value}\n" for key, value in pool.items())
            + f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {users}\nadmin_users = postgres\n"
            f"logfile = {self.home / name}.log\npidfile = {self.home / name}.pid\n"
        )
        if self.pg_user is not None:
            subprocess.run(["chown", f"{self.pg_user}:", str(config), str(users)], check=True)
        binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        self.as_pg([binary, "-d", str(config)])
        pidfile = self.home / f"{name}.pid"
        deadline = time.monotonic() + WAIT_SECONDS
        while not devservices.tcp_open("127.0.0.1", port):
            if time.monotonic() > deadline:
                raise RuntimeError("PgBouncer did not start")
            time.sleep(0.2)
        return port, pidfile, pool

    def stop_pgbouncer(self, pidfile):
        try:
            pid = int(pidfile.read_text())
        except (OSError, ValueError):
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)

    def start_gunicorn(self, name, env):
        port = free_port()
        with open(self.home / f"{name}-gunicorn.log", "a") as log:  # the child keeps a copy
            process = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "gunicorn"), "tsinghua_coop.wsgi"]
                + ["-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
                + ["--timeout", "120"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                if self.get(port, "/healthz/")[0] == 200:
                    return process, port
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {name} did not start ({self.home})")
            time.sleep(0.5)

    def stop_gunicorn(self, process):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def get(self, port, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def load(self, ports):
        clients, per_client = self.args.clients, self.args.requests
        headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        statuses, seconds, errors = [], [], []
        lock = threading.Lock()
        barrier = threading.Barrier(clients)

        def client(index):
            barrier.wait()
            port = ports[index % len(ports)]
            for turn in range(per_client):
                path = PATHS[(index + turn) % len(PATHS)]
                began = time.monotonic()
                try:
                    status = self.get(port, path, headers)[0]
                except OSError as error:
                    with lock:
                        errors.append(repr(error))
                    continue
                with lock:
                    statuses.append(status)
                    seconds.append(time.monotonic() - began)

        peak, running = {"all": 0}, threading.Event()
        running.set()

        def sample():
            monitor = psycopg2.connect(
                host="127.0.0.1", port=self.primary_port, user="postgres", dbname="postgres"
            )
            monitor.autocommit = True
            try:
                with monitor.cursor() as cursor:
                    while running.is_set():
                        cursor.execute(
                            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                            "'client backend' AND pid <> pg_backend_pid()"
                        )
                        peak["all"] = max(peak["all"], cursor.fetchone()[0])
                        time.sleep(0.05)
            finally:
                monitor.close()

        sampler = threading.Thread(target=sample)
        sampler.start()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        running.clear()
        sampler.join()
        ordered = sorted(seconds) or [0.0]
        return {
            "ok": statuses.count(200),
            "5xx": sum(1 for status in statuses if status >= 500),
            "failed": len(errors),
            "elapsed": elapsed,
            "p50": statistics.median(ordered),
            "peak": peak["all"],
        }

    def waited_too_long(self):
        return sum(
            log.read_text(errors="replace").count("no database connection free")
            for log in self.home.glob("*-gunicorn.log")
        )

    def connect_costs(self, ports, rounds=300):
        """Median time to open a connection, run SELECT 1 and close it, as a request does with
        CONN_MAX_AGE 0, for each port; the ports take turns, so that both see the same load."""
        times = {port: [] for port in ports}
        for _ in range(rounds):
            for port in ports:
                began = time.perf_counter()
                connection = psycopg2.connect(
                    host="127.0.0.1", port=port, user=APP_USER, dbname=DATABASE
                )
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                connection.close()
                times[port].append(time.perf_counter() - began)
        return [statistics.median(times[port]) for port in ports]

    def case(self, label, overrides, through_pgbouncer):
        log = self.home / "primary.log"
        waited_before = self.waited_too_long()
        refused_before = len(
            re.findall(
                r"too many clients|remaining connection slots", log.read_text(errors="replace")
            )
        )
        hosts, bouncers = [], []
        try:
            for name in ("host-a", "host-b"):
                env = self.django_env(overrides)
                if through_pgbouncer:
                    port, pidfile, pool = self.start_pgbouncer(f"{name}-pgbouncer")
                    bouncers.append(pidfile)
                    env.update(DATABASE_URL=self.url(port), DATABASE_POOLER="pgbouncer")
                hosts.append(self.start_gunicorn(name, env))
            result = self.load([port for _process, port in hosts])
        finally:
            for process, _port in hosts:
                self.stop_gunicorn(process)
            for pidfile in bouncers:
                self.stop_pgbouncer(pidfile)
        refused = len(
            re.findall(
                r"too many clients|remaining connection slots", log.read_text(errors="replace")
            )
        )
        result.update(
            label=label,
            refused=refused - refused_before,
            waited=self.waited_too_long() - waited_before,
        )
        print(
            f"{label}: {result['ok']} × 200, {result['5xx']} × 5xx, {result['failed']} failed, "
            f"{result['refused']} refused by PostgreSQL, {result['waited']} waited past "
            f"DATABASE_CONNECTION_WAIT_SECONDS, in {result['elapsed']:.1f} s "
            f"(p50 {result['p50'] * 1000:.0f} ms); most connections on PostgreSQL: "
            f"{result['peak']} of {MAX_CONNECTIONS}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        return result

    def run(self):
        budget = self.production["DATABASE_CONNECTIONS_PER_HOST"]
        workers, threads = self.production["WEB_CONCURRENCY"], self.production["GUNICORN_THREADS"]
        results = []
        try:
            self.set_up()
            port, pidfile, _pool = self.start_pgbouncer("idle-pgbouncer")
            direct, pooled = self.connect_costs([self.primary_port, port])
            self.stop_pgbouncer(pidfile)
            print(
                f"a connection opened, SELECT 1, closed (median of 300, taking turns): straight to "
                f"PostgreSQL {direct * 1000:.2f} ms, through PgBouncer {pooled * 1000:.2f} ms",
                flush=True,
            )
            print(
                f"2 hosts × {workers} workers × {threads} threads; "
                f"{self.args.clients} clients × {self.args.requests} staff API requests",
                flush=True,
            )
            results.append(
                self.case(
                    "no budget, CONN_MAX_AGE 60, straight to PostgreSQL",
                    {"DATABASE_CONNECTIONS_PER_HOST": "0", "CONN_MAX_AGE": "60"},
                    through_pgbouncer=False,
                )
            )
            results.append(
                self.case(
                    f"budget {budget} per host, straight to PostgreSQL",
                    {"DATABASE_CONNECTIONS_PER_HOST": budget},
                    through_pgbouncer=False,
                )
            )
            results.append(
                self.case(
                    f"budget {budget} per host, through each host's PgBouncer",
                    {"DATABASE_CONNECTIONS_PER_HOST": budget},
                    through_pgbouncer=True,
                )
            )
        finally:
            for stop in reversed(self.stops):
                stop()
            if self.args.keep:
                print(f"kept {self.home}")
            else:
                shutil.rmtree(self.home, ignore_errors=True)
        print(
            "\n| case | answers | 5xx | refused by PostgreSQL | no slot within the wait | p50 "
            "| most connections on PostgreSQL |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for r in results:
            print(
                f"| {r['label']} | {r['ok']} × 200 in {r['elapsed']:.1f} s | {r['5xx']} | "
                f"{r['refused']} | {r['waited']} | {r['p50'] * 1000:.0f} ms | {r['peak']} of {MAX_CONNECTIONS} |"
            )
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=256)
    parser.add_argument("--requests", type=int, default=4, help="requests per client")
    parser.add_argument("--keep", action="store_true")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
