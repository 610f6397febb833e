"""The production server as the README starts it: gunicorn reading gunicorn.conf.py."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_starts_threaded_workers_after_building_the_api_schema(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_SCHEMA_DIR": str(tmp_path / "schema"),
        "WEB_CONCURRENCY": "2",
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
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        # A worker still loading the jieba dictionary (post_fork) would let a SIGTERM pass
        # and keep the master waiting out its graceful timeout.
        while log.read_text().count("Booting worker") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(4)
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError(log.read_text()) from None
    text = log.read_text()
    # The master built the schema before the workers started; nothing it ran crashed.
    assert {path.suffix for path in (tmp_path / "schema").iterdir()} == {".json", ".yaml"}
    assert "Using worker: gthread" in text
    assert text.count("Booting worker") == 2
    assert "exited with code" not in text, text
