"""A redis-server of a test's own, on a free port, that the test may stop and start.

Never the shared Redis on 6379: other processes (and other test runs) use that one.
"""

import shutil
import socket
import subprocess

import redis

from apps.core.tests.waiting import READY_LIMIT, exited, wait_until


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
        self.log = self.directory / "redis-server.log"
        with open(self.log, "a") as output:
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
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)

        def answers():
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        wait_until(answers, what="redis-server did not answer", died=exited(self.process, self.log))
        return self

    def stop(self, *, keep=False):
        """Stop the server; with ``keep`` its data is saved and loaded again by ``start``, as
        with a Redis that was unreachable rather than restarted empty."""
        if keep:
            redis.Redis(port=self.port).save()
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=READY_LIMIT)
            self.process = None

    def keys(self, pattern="*"):
        return list(redis.Redis(port=self.port).scan_iter(match=pattern))
