#!/usr/bin/env python3
"""Start the project's own PostgreSQL and Redis when none is configured.

Standard library only, so it runs with the system python3 before .venv exists.

    python3 scripts/devservices.py postgres            # prints: export DATABASE_URL=...
    python3 scripts/devservices.py redis [--optional] [--db N]   # prints: export REDIS_URL=...
    python3 scripts/devservices.py stop                # stops what this script started

Only ``export`` lines go to stdout (shell scripts ``eval`` them); messages go to stderr.

PostgreSQL: with DATABASE_URL set (environment or .env) it is used as is, once it answers.
Otherwise a cluster of the checkout's own lives under .data/pg, built with Debian's
``initdb``/``pg_ctl``, run by an unprivileged user when we are root, because PostgreSQL refuses
to run as root. It listens on 127.0.0.1, on POSTGRES_PORT (default 54329) unless another server
holds that port (another checkout's cluster, say), then on a free one; the port is recorded in
.data/postgres-port, where the settings read it. A server is taken for the checkout's own only
when the data directory it reports is the checkout's, never because something answers.

Redis: with REDIS_URL set it is used; otherwise a Redis answering on 127.0.0.1:6379; otherwise,
when Redis is required (tests), a ``redis-server`` of the project's own on 127.0.0.1:63799 that
keeps nothing on disk and holds at most ``REDIS_MAXMEMORY``, evicting the least recently used
keys. For the dev portal Redis is optional: without it the settings use a
local-memory cache and run Celery tasks in-process.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
PG_HOME = DATA / "pg"
PG_DATA = PG_HOME / "data"
PG_RUN = PG_HOME / "run"
PG_LOG = PG_HOME / "postgres.log"
# The port the checkout's cluster prefers (POSTGRES_PORT overrides it); the one it listens on
# is recorded in PG_PORT_RECORD, which tsinghua_coop/settings.py reads without DATABASE_URL.
PG_DEFAULT_PORT = 54329
PG_PORT_RECORD = DATA / "postgres-port"
PG_DATABASE = "tsinghua_coop"
REDIS_HOME = DATA / "redis"
REDIS_PORT = 63799
# The project's own Redis never grows without bound: past this it evicts the least recently
# used keys (cached pages first in practice); see README "Redis" for production.
REDIS_MAXMEMORY = "256mb"
REDIS_MAXMEMORY_POLICY = "allkeys-lru"
SYSTEM_REDIS = ("127.0.0.1", 6379)
WAIT_SECONDS = 60
# How long pg_ctl may wait for the cluster to accept connections: generous, for a loaded
# machine; pg_ctl gives up at once if the server exits.
PG_START_SECONDS = 600
# A Unix socket path longer than this does not fit in sockaddr_un (108 bytes with the NUL).
MAX_SOCKET_PATH = 100


def log(message: str) -> None:
    print(f"[devservices] {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    log(f"ERROR: {message}")
    sys.exit(1)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("check", True)
    if cmd[0] in ("runuser", "su"):
        # The cluster's user may not be allowed into the current folder.
        kwargs.setdefault("cwd", "/")
    return subprocess.run(cmd, **kwargs)


def dotenv_value(name: str) -> str:
    """The variable from the environment, else from the project's .env (as settings read it)."""
    if os.environ.get(name):
        return os.environ[name]
    dotenv = ROOT / ".env"
    if not dotenv.is_file():
        return ""
    for line in dotenv.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export ") :].strip()
        key, sep, value = line.partition("=")
        if sep and key.strip() == name:
            return value.strip().strip("'\"")
    return ""


def is_root() -> bool:
    return os.geteuid() == 0


_apt_updated = False


def apt_install(*packages: str) -> None:
    """Install Debian packages (root only); refresh the package lists once if one is unknown."""
    global _apt_updated
    if not is_root() or not shutil.which("apt-get"):
        fail(f"{' '.join(packages)} missing: install it (apt-get install {' '.join(packages)})")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    log(f"installing {' '.join(packages)} with apt-get")
    if subprocess.run(cmd, env=env, stdout=sys.stderr).returncode == 0:
        return
    if not _apt_updated:
        run(["apt-get", "update"], env=env, stdout=sys.stderr)
        _apt_updated = True
    run(cmd, env=env, stdout=sys.stderr)


def tcp_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_tcp(host: str, port: int, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not tcp_open(host, port):
        if time.monotonic() > deadline:
            fail(f"{what} at {host}:{port} did not answer within {WAIT_SECONDS} s")
        time.sleep(0.5)


# --------------------------------------------------------------------------- PostgreSQL


def pg_bindir() -> Path:
    def newest() -> Path | None:
        found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
        found.sort(key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
        return Path(found[-1]).parent if found else None

    bindir = newest()
    if bindir is None:
        apt_install("postgresql")
        bindir = newest()
    if bindir is None:
        fail("PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin")
    return bindir


def pg_user() -> str | None:
    """The user the cluster runs as: ourselves, or an unprivileged one when we are root."""
    if not is_root():
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"])
    return "postgres"


def as_user(user: str | None, cmd: list[str]) -> list[str]:
    if user is None:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *cmd]
    return ["su", "-s", "/bin/sh", user, "-c", shlex.join(cmd)]


def user_can_reach(user: str | None, path: Path) -> bool:
    if user is None:
        return True
    return run(as_user(user, ["test", "-w", str(path)]), check=False).returncode == 0


def pg_socket_dir(port: int) -> str:
    """Where the Unix socket goes: .data/pg/run, or none (TCP only) when that path is too long."""
    if len(str(PG_RUN / f".s.PGSQL.{port}")) > MAX_SOCKET_PATH:
        return ""
    return str(PG_RUN)


def port_is_free(port: int) -> bool:
    """Nothing answers on 127.0.0.1:port and a server of ours could listen there."""
    if tcp_open("127.0.0.1", port):
        return False
    with socket.socket() as probe:
        # As PostgreSQL does: a connection of the past in TIME_WAIT does not hold the port.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pg_recorded_port() -> int | None:
    try:
        return int(PG_PORT_RECORD.read_text().strip())
    except (OSError, ValueError):
        return None


def pg_choose_port() -> int:
    """The port the checkout's cluster starts on: the one asked for (POSTGRES_PORT), else the
    one it had last time, else 54329; when another server holds it, the next free one."""
    asked = dotenv_value("POSTGRES_PORT")
    if asked:
        if not asked.isdigit() or not 0 < int(asked) < 65536:
            fail(f"POSTGRES_PORT={asked!r} is not a port number")
        preferred = [int(asked)]
    else:
        preferred = [port for port in (pg_recorded_port(), PG_DEFAULT_PORT) if port]
    for port in preferred:
        if port_is_free(port):
            return port
        log(f"port {port} is held by another server, not this checkout's cluster")
    for port in [*range(PG_DEFAULT_PORT + 1, PG_DEFAULT_PORT + 100), 0]:
        if port == 0:
            with socket.socket() as probe:  # none of those free: any the system gives
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
        if port not in preferred and port_is_free(port):
            log(f"this checkout's PostgreSQL takes the free port {port} instead")
            return port
    fail("no free port for PostgreSQL on 127.0.0.1")


def pg_running_port() -> int:
    """The port the checkout's running cluster listens on, as its postmaster.pid says."""
    try:
        return int((PG_DATA / "postmaster.pid").read_text().splitlines()[3])
    except (OSError, ValueError, IndexError):
        fail(f"cannot read the port of the running cluster from {PG_DATA / 'postmaster.pid'}")


def pg_check_own(bindir: Path, port: int) -> None:
    """The server answering on the port is the checkout's cluster: it reports our data folder."""
    result = run(
        [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
        + ["-d", "postgres", "-tAc", "SHOW data_directory"],
        check=False,
        capture_output=True,
        text=True,
    )
    reported = result.stdout.strip()
    if result.returncode != 0 or os.path.realpath(reported) != os.path.realpath(PG_DATA):
        fail(
            f"the server on 127.0.0.1:{port} is not this checkout's cluster (its data "
            f"directory is {reported or 'unknown'}, this checkout's is {PG_DATA}): not using it"
        )


def pg_running(bindir: Path, user: str | None) -> bool:
    if not (PG_DATA / "PG_VERSION").exists():
        return False
    status = run(
        as_user(user, [str(bindir / "pg_ctl"), "status", "-D", str(PG_DATA)]),
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return status.returncode == 0


def pg_wait_ready(bindir: Path, host: str, port: int, user: str = "postgres") -> None:
    isready = bindir / "pg_isready" if bindir else None
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if isready and isready.exists():
            ok = (
                run(
                    [str(isready), "-q", "-h", host, "-p", str(port), "-U", user],
                    check=False,
                ).returncode
                == 0
            )
        else:
            ok = tcp_open(host, port)
        if ok:
            return
        if time.monotonic() > deadline:
            fail(f"PostgreSQL at {host}:{port} did not become ready within {WAIT_SECONDS} s")
        time.sleep(0.5)


def pg_init(bindir: Path, user: str | None) -> None:
    log(f"creating this checkout's PostgreSQL cluster in {PG_DATA}")
    PG_DATA.mkdir(parents=True, exist_ok=True)
    if user is not None:
        run(["chown", "-R", f"{user}:", str(PG_HOME)])
    os.chmod(PG_DATA, 0o700)
    initdb = [
        str(bindir / "initdb"),
        "-D",
        str(PG_DATA),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync",
    ]
    result = run(as_user(user, [*initdb, "--locale=C.UTF-8"]), check=False, capture_output=True)
    if result.returncode != 0:
        # Older C libraries lack the built-in C.UTF-8 locale; plain C sorts the same bytes.
        log("initdb with C.UTF-8 failed; retrying with the C locale")
        for leftover in PG_DATA.iterdir():
            run(["rm", "-rf", str(leftover)])
        result = run(as_user(user, [*initdb, "--locale=C"]), check=False, capture_output=True)
    if result.returncode != 0:
        sys.stderr.buffer.write(result.stdout + result.stderr)
        fail("initdb failed")


def pg_start(bindir: Path, user: str | None, port: int) -> None:
    PG_RUN.mkdir(parents=True, exist_ok=True)
    if user is not None:
        run(["chown", f"{user}:", str(PG_RUN), str(PG_HOME)])
        if PG_LOG.exists():
            run(["chown", f"{user}:", str(PG_LOG)])
    # A throwaway development cluster: durability is traded for speed (the demo data and
    # the test databases are rebuilt by the scripts at any time).
    options = [
        "-c listen_addresses=127.0.0.1",
        f"-c port={port}",
        f"-c unix_socket_directories='{pg_socket_dir(port)}'",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200",
    ]
    log(f"starting PostgreSQL on 127.0.0.1:{port} (log: {PG_LOG})")
    started = run(
        as_user(
            user,
            [
                str(bindir / "pg_ctl"),
                "start",
                "-D",
                str(PG_DATA),
                "-l",
                str(PG_LOG),
                "-w",
                "-t",
                str(PG_START_SECONDS),
                "-o",
                " ".join(options),
            ],
        ),
        check=False,
        stdout=sys.stderr,
    )
    if started.returncode != 0:
        tail = PG_LOG.read_text(errors="replace").splitlines()[-20:] if PG_LOG.exists() else []
        fail("PostgreSQL did not start:\n" + "\n".join(tail))


def pg_ensure_database(bindir: Path, name: str, port: int) -> None:
    psql = [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
    query = f"SELECT 1 FROM pg_database WHERE datname = '{name}'"
    found = run([*psql, "-d", "postgres", "-tAc", query], capture_output=True, text=True)
    if found.stdout.strip() != "1":
        log(f"creating database {name}")
        run([*psql, "-d", "postgres", "-qc", f'CREATE DATABASE "{name}"'], stdout=sys.stderr)


def pg_locate(user: str | None) -> None:
    """Point PG_HOME at a folder the cluster's user can write.

    Normally .data/pg. When that user cannot reach this checkout (a home folder closed to
    others, say), the cluster lives in a temporary folder named after the checkout, and
    .data/pg is a symlink to it.
    """
    global PG_HOME, PG_DATA, PG_RUN, PG_LOG
    link = DATA / "pg"
    if link.is_symlink():
        PG_HOME = link.resolve()
    else:
        DATA.mkdir(exist_ok=True)
        link.mkdir(exist_ok=True)
        if user is not None:
            run(["chown", f"{user}:", str(link)])
        if user_can_reach(user, link):
            PG_HOME = link
        else:
            key = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
            PG_HOME = Path(tempfile.gettempdir()) / f"tsinghua-coop-pg-{key}"
            PG_HOME.mkdir(exist_ok=True)
            link.rmdir()
            link.symlink_to(PG_HOME)
            log(f"{user} cannot reach {DATA}; the cluster lives in {PG_HOME}")
        if user is not None:
            run(["chown", f"{user}:", str(PG_HOME)])
    PG_DATA, PG_RUN, PG_LOG = PG_HOME / "data", PG_HOME / "run", PG_HOME / "postgres.log"


def ensure_postgres() -> str:
    configured = dotenv_value("DATABASE_URL")
    if configured:
        parts = urlsplit(configured)
        host = unquote(parts.hostname or "")
        if host and not host.startswith("/"):
            user = unquote(parts.username or "postgres")
            found = glob.glob("/usr/lib/postgresql/*/bin/pg_isready")
            bindir = Path(sorted(found)[-1]).parent if found else None
            if bindir:
                pg_wait_ready(bindir, host, parts.port or 5432, user)
            else:
                wait_for_tcp(host, parts.port or 5432, "PostgreSQL")
        log("using DATABASE_URL as configured")
        return configured

    bindir = pg_bindir()
    user = pg_user()
    pg_locate(user)
    if pg_running(bindir, user):
        port = pg_running_port()
        log(f"this checkout's PostgreSQL is already running on 127.0.0.1:{port}")
    else:
        if not (PG_DATA / "PG_VERSION").exists():
            pg_init(bindir, user)
        port = pg_choose_port()
        pg_start(bindir, user, port)
    pg_wait_ready(bindir, "127.0.0.1", port)
    pg_check_own(bindir, port)
    pg_ensure_database(bindir, PG_DATABASE, port)
    PG_PORT_RECORD.write_text(f"{port}\n")
    return f"postgres://postgres@127.0.0.1:{port}/{PG_DATABASE}"


def pg_stop() -> None:
    # Once stopped, the port is no longer this checkout's: the settings must not follow it there.
    PG_PORT_RECORD.unlink(missing_ok=True)
    if (DATA / "pg").is_symlink():
        pg_locate(None)
    if not (PG_DATA / "PG_VERSION").exists():
        return
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    if not found:
        return
    bindir = Path(sorted(found)[-1]).parent
    user = pg_user()
    if pg_running(bindir, user):
        log("stopping this checkout's PostgreSQL")
        run(
            as_user(user, [str(bindir / "pg_ctl"), "stop", "-D", str(PG_DATA), "-m", "fast"]),
            stdout=sys.stderr,
        )


# --------------------------------------------------------------------------- Redis


def redis_ping(host: str, port: int, password: str = "") -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0) as conn:
            conn.settimeout(1.0)
            if password:
                pw = password.encode()
                conn.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n" % (len(pw), pw))
                if not conn.recv(64).startswith(b"+OK"):
                    return False
            conn.sendall(b"*1\r\n$4\r\nPING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def redis_command(host: str, port: int, *args: str) -> bool:
    """Send one command; True if Redis answered +OK."""
    parts = [arg.encode() for arg in args]
    packet = b"*%d\r\n" % len(parts) + b"".join(
        b"$%d\r\n%s\r\n" % (len(part), part) for part in parts
    )
    try:
        with socket.create_connection((host, port), timeout=1.0) as conn:
            conn.settimeout(1.0)
            conn.sendall(packet)
            return conn.recv(64).startswith(b"+OK")
    except OSError:
        return False


def redis_wait(host: str, port: int, password: str = "") -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not redis_ping(host, port, password):
        if time.monotonic() > deadline:
            fail(f"Redis at {host}:{port} did not answer PING within {WAIT_SECONDS} s")
        time.sleep(0.3)


def redis_pid() -> int | None:
    """The pid of the redis-server this script started, if it still runs."""
    try:
        pid = int((REDIS_HOME / "redis.pid").read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"redis-server" in cmdline and str(REDIS_PORT).encode() in cmdline else None


def ensure_redis(required: bool, db: int = 0) -> str:
    configured = dotenv_value("REDIS_URL")
    if configured:
        parts = urlsplit(configured)
        if parts.scheme in ("redis", "rediss") and parts.hostname:
            redis_wait(parts.hostname, parts.port or 6379, unquote(parts.password or ""))
        log("using REDIS_URL as configured")
        return configured
    if redis_ping(*SYSTEM_REDIS):
        log(f"using the Redis answering on {SYSTEM_REDIS[0]}:{SYSTEM_REDIS[1]}, database {db}")
        return f"redis://{SYSTEM_REDIS[0]}:{SYSTEM_REDIS[1]}/{db}"
    if redis_ping("127.0.0.1", REDIS_PORT) and redis_pid():
        log(f"the project's Redis is already running on 127.0.0.1:{REDIS_PORT}")
        # One started by an older checkout may have no memory limit yet.
        redis_command("127.0.0.1", REDIS_PORT, "CONFIG", "SET", "maxmemory", REDIS_MAXMEMORY)
        redis_command(
            "127.0.0.1", REDIS_PORT, "CONFIG", "SET", "maxmemory-policy", REDIS_MAXMEMORY_POLICY
        )
        return f"redis://127.0.0.1:{REDIS_PORT}/{db}"
    if not required:
        log("no Redis: the cache is in local memory and Celery tasks run in-process")
        return ""
    if tcp_open("127.0.0.1", REDIS_PORT):
        fail(f"port {REDIS_PORT} is taken by something that is not this checkout's Redis")
    server = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if server is None:
        apt_install("redis-server")
        server = shutil.which("redis-server") or "/usr/bin/redis-server"
    REDIS_HOME.mkdir(parents=True, exist_ok=True)
    log(f"starting the project's Redis on 127.0.0.1:{REDIS_PORT}")
    run(
        [
            server,
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(REDIS_PORT),
            "--dir",
            str(REDIS_HOME),
            "--pidfile",
            str(REDIS_HOME / "redis.pid"),
            "--logfile",
            str(REDIS_HOME / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            REDIS_MAXMEMORY,
            "--maxmemory-policy",
            REDIS_MAXMEMORY_POLICY,
        ],
        stdout=sys.stderr,
    )
    redis_wait("127.0.0.1", REDIS_PORT)
    return f"redis://127.0.0.1:{REDIS_PORT}/{db}"


def redis_stop() -> None:
    pid = redis_pid()
    if pid is None:
        return
    log("stopping the project's Redis")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("postgres", help="ensure PostgreSQL; print export DATABASE_URL=...")
    redis = commands.add_parser("redis", help="ensure Redis; print export REDIS_URL=...")
    redis.add_argument(
        "--optional",
        action="store_true",
        help="do not start a Redis of our own when none answers (print nothing)",
    )
    redis.add_argument("--db", type=int, default=0, help="Redis database number (default 0)")
    commands.add_parser("stop", help="stop the PostgreSQL and Redis this script started")
    args = parser.parse_args(argv)

    if args.command == "postgres":
        print(f"export DATABASE_URL={shlex.quote(ensure_postgres())}")
    elif args.command == "redis":
        url = ensure_redis(required=not args.optional, db=args.db)
        if url:
            print(f"export REDIS_URL={shlex.quote(url)}")
    else:
        pg_stop()
        redis_stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
