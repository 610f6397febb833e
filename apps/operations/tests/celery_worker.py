"""A real Celery worker on the real Redis, in a thread of the test process.

The tests using it are transactional, so the worker's own database connection sees what the
test committed, and Django's locmem email outbox is the outer edge both sides share.
"""

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from kombu import pools

from apps.core.tests.waiting import READY_LIMIT, wait_until, worker_stopped
from tsinghua_coop.celery import app


def _configure(**values):
    for key, value in values.items():
        app.conf[key] = value
        app.conf[f"CELERY_{key.upper()}"] = value


def _use_broker(url):
    _configure(broker_url=url)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker_on_redis(settings):
    url = settings.REDIS_URL
    if not url:
        pytest.fail("The Celery tests need a real Redis: set REDIS_URL (scripts/test does).")
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    _configure(task_always_eager=False, result_backend=None)
    _use_broker(url)
    app.control.purge()
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=READY_LIMIT,  # the task it runs finishes first, however slowly
    ) as worker:
        yield worker
    _configure(**saved)
    _use_broker(saved["broker_url"])


@pytest.fixture
def run_on_worker(celery_worker_on_redis):
    """Send a task to the worker and wait until it has run; returns what it returned."""
    finished = {}

    def record(task_id=None, retval=None, **kwargs):
        finished[task_id] = retval

    task_postrun.connect(record, weak=False)

    def run(task, *args):
        task_id = task.apply_async(args).id
        wait_until(
            lambda: task_id in finished,
            what=f"{task.name} did not finish on the worker",
            died=worker_stopped(celery_worker_on_redis),
        )
        return finished[task_id]

    yield run
    task_postrun.disconnect(record)
