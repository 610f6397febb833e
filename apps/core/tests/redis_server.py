"""A redis-server of a test's own, on a free port, that the test may stop and start.

Never the shared Redis on 6379: other processes (and other test runs) use that one.
"""

import shutil
import socket
import subprocess
import time

import redis

START_SECONDS = 10


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None
        self.server = shutil.which("redis-server") or "/usr/bin/redis-server"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.server,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self, *, keep=False):
        """Stop the server; with ``keep`` its data is saved and loaded again by ``start``, as
        with a Redis that was unreachable rather than restarted empty."""
        if keep:
            redis.Redis(port=self.port).save()
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=START_SECONDS)
            self.process = None

    def keys(self, pattern="*"):
        return list(redis.Redis(port=self.port).scan_iter(match=pattern))
