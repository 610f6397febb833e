"""The production server as the README starts it: gunicorn reading gunicorn.conf.py."""

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from django.conf import settings

from apps.core.tests.waiting import exited, stop, wait_until
from apps.core.warmup import WARMED_UP

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def test_gunicorn_warms_up_and_builds_the_api_schema_before_it_listens(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_SCHEMA_DIR": str(tmp_path / "schema"),
        "WEB_CONCURRENCY": "2",
        "DATABASE_CONNECTIONS_PER_HOST": "6",
    }
    with open(log, "w") as output:
        server = subprocess.Popen(
            [str(GUNICORN), "tsinghua_coop.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        assert (
            wait_until(
                lambda: answers(f"http://127.0.0.1:{port}/healthz/"),
                what="gunicorn did not answer",
                died=exited(server, log),
            )
            == b"ok"
        )
        wait_until(
            lambda: log.read_text().count("Booting worker") == 2,
            what="gunicorn did not start both workers",
            died=exited(server, log),
        )
    finally:
        stop(server, output=log)
    text = log.read_text()
    # The master warmed the application up and built the schema before it bound the port;
    # the workers, forked from it, did not warm up again. Nothing it ran crashed.
    assert {path.suffix for path in (tmp_path / "schema").iterdir()} == {".json", ".yaml"}
    assert text.count(WARMED_UP) == 1, text
    assert text.index(WARMED_UP) < text.index("Listening at"), text
    assert "Using worker: gthread" in text
    assert text.count("Booting worker") == 2
    assert "exited with code" not in text, text
    # The connection budget, as the host's settings divide it among its workers.
    assert "at most 3 per worker, 6 per database for this host" in text, text
