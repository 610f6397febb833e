"""Waiting in a test for what another process or thread does, with no deadline a slow machine
can miss.

A test waits as long as what it waits on is alive, and fails at once, with what that process
wrote, once it has exited. ``READY_LIMIT`` only ends a wait on something that hangs; it is
not a measure of speed (tests never assert how long anything takes).
"""

import subprocess
import time
from pathlib import Path

import pytest

# Ten minutes: far beyond any start on a loaded machine; reached only by a hang.
READY_LIMIT = 600
# Playwright's waits (a page, an element): a crashed browser fails them at once anyway.
BROWSER_TIMEOUT_MS = READY_LIMIT * 1000


def wait_until(ready, *, what, died=lambda: None, interval=0.1):
    """Call ``ready()`` until it returns something true, and return that.

    ``died()`` returns None while what is awaited is alive, else why it is not (a process's
    exit status and output): the test then fails at once with it.
    """
    limit = time.monotonic() + READY_LIMIT
    while True:
        result = ready()
        if result:
            return result
        reason = died()
        if reason is not None:
            pytest.fail(f"{what}: {reason}")
        if time.monotonic() > limit:
            pytest.fail(f"{what}: still waiting after {READY_LIMIT} s (a hang)")
        time.sleep(interval)


def exited(process: subprocess.Popen, output: Path | None = None):
    """A ``died`` for ``wait_until``: the process's exit status and output once it has exited."""

    def reason():
        if process.poll() is None:
            return None
        text = output.read_text(errors="replace") if output is not None else ""
        return f"the process exited with status {process.returncode}\n{text}"

    return reason


def worker_stopped(worker):
    """A ``died`` for ``wait_until``: a Celery worker running in a thread of the test
    (``celery.contrib.testing.worker.start_worker``) that has stopped."""
    from celery import bootsteps

    def reason():
        if worker.blueprint.state in (None, bootsteps.RUN):
            return None
        return f"the Celery worker stopped (exit code {worker.exitcode})"

    return reason


def stop(process: subprocess.Popen, *, output: Path | None = None):
    """Terminate a process and wait for it to exit (as long as it takes, up to the limit)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=READY_LIMIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        text = output.read_text(errors="replace") if output is not None else ""
        pytest.fail(f"the process did not stop on SIGTERM within {READY_LIMIT} s\n{text}")
