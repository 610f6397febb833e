"""The summary tables are rebuilt by the worker, off the request path; readers meanwhile get the
previous figures, and the public pages move on once the rebuild has committed."""

import os
import subprocess
import sys
import threading
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements.tests.factories import ContractFactory
from apps.core.signals import summary_rebuilt
from apps.core.tests.waiting import READY_LIMIT, wait_until, worker_stopped
from apps.figures import tasks
from apps.figures.models import Build, PendingChange
from apps.figures.summary import LOCK_KEY, QUEUED_KEY, current_build
from apps.figures.tests.test_summary import assert_summary_is_a_recount
from apps.operations.tests.celery_worker import (  # noqa: F401 — a shared fixture
    _use_broker,
    celery_worker_on_redis,
)
from apps.public.tests.test_pages import figures, orm_home_figures
from tsinghua_coop.celery import app


@pytest.fixture
def in_background(settings):
    settings.FIGURES_REBUILD_IN_BACKGROUND = True


def queued_rebuilds():
    with app.connection_for_read() as broker:
        return broker.default_channel.queue_declare("figures", passive=True).message_count


def new_contract(sample, number):
    return ContractFactory(
        number=number, organization=sample.soil_project.partners.get(), amount=Decimal("4242.42")
    )


@pytest.mark.django_db
def test_readers_get_the_previous_build_and_queue_one_rebuild(sample, in_background):
    app.control.purge()
    first = current_build()  # no build yet: the reader builds
    new_contract(sample, "BG-1")

    assert {current_build() for _reader in range(100)} == {first}
    assert queued_rebuilds() == 1
    assert PendingChange.objects.exists()

    assert tasks.rebuild_figures() == 1  # what the worker runs
    assert current_build() == first + 1
    assert_summary_is_a_recount()
    app.control.purge()


# What a gunicorn worker runs: Django set up, the tasks modules never imported (only a Celery
# worker autodiscovers them).
WEB_PROCESS = """
import django
django.setup()
from celery import current_app
from django.core.cache import cache
from apps.figures.summary import QUEUED_KEY, _rebuild_queued
assert "apps.figures.tasks.rebuild_figures" not in current_app.tasks
current_app.conf.task_always_eager = False
cache.delete(QUEUED_KEY)
print(_rebuild_queued())
"""


def test_a_web_process_queues_the_rebuild_without_importing_the_tasks(settings):
    app.control.purge()
    env = {**os.environ, "REDIS_URL": settings.REDIS_URL, "CELERY_BROKER_URL": settings.REDIS_URL}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    done = subprocess.run(
        [sys.executable, "-c", WEB_PROCESS],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=READY_LIMIT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True"
    assert queued_rebuilds() == 1
    app.control.purge()
    cache.delete(QUEUED_KEY)


@pytest.mark.django_db
def test_a_rebuild_no_worker_took_is_made_by_the_reader(sample, in_background, settings):
    app.control.purge()
    first = current_build()
    new_contract(sample, "BG-2")
    cache.set(QUEUED_KEY, time.time() - settings.FIGURES_STALE_SECONDS - 1)

    assert current_build() == first + 1
    assert_summary_is_a_recount()
    app.control.purge()


@pytest.mark.django_db
def test_with_the_broker_away_the_reader_rebuilds(sample, in_background, settings):
    first = current_build()
    new_contract(sample, "BG-4")
    _use_broker("redis://127.0.0.1:1/0")
    try:
        assert current_build() == first + 1
    finally:
        _use_broker(settings.CELERY_BROKER_URL)
    assert cache.get(QUEUED_KEY) is None  # the next change queues a rebuild again


@pytest.mark.django_db
def test_with_eager_celery_the_reader_rebuilds(sample, in_background, settings):
    first = current_build()
    new_contract(sample, "BG-3")
    saved = app.conf.task_always_eager
    # The Django-namespaced key wins over Celery's own: set both.
    keys = ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER")
    for key in keys:
        app.conf[key] = True
    try:
        assert current_build() == first + 1
    finally:
        for key in keys:
            app.conf[key] = saved


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_home_page_shows_the_worker_rebuilt_figures(
    celery_worker_on_redis,  # noqa: F811
    client,
    sample,
    in_background,
):
    before = figures(client.get("/"))  # the first build: made by this reader
    assert before == orm_home_figures(sample.today)
    first = Build.objects.get().pk

    rebuilt = threading.Event()

    def record(build, **kwargs):
        rebuilt.set()

    summary_rebuilt.connect(record, weak=False)
    try:
        # Holding the rebuild's lock keeps the worker from finishing before the page is read.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            new_contract(sample, "BG-WORKER")
            with CaptureQueriesContext(connection) as queries:
                stale = figures(client.get("/"))
            assert stale == before  # the previous figures, at once
            assert not [q for q in queries if "advisory" in q["sql"] or "INSERT" in q["sql"]]
            assert Build.objects.get().pk == first
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])

        wait_until(
            rebuilt.is_set,
            what="the worker did not rebuild the figures",
            died=worker_stopped(celery_worker_on_redis),
        )
    finally:
        summary_rebuilt.disconnect(record)

    after = figures(client.get("/"))
    # Counts follow the change at once; the contract sum waits for a release, and one new
    # contract alone never moves it (apps.figures.release).
    assert after == {**orm_home_figures(sample.today), "contracts_value": before["contracts_value"]}
    assert after["contracts_value"] != orm_home_figures(sample.today)["contracts_value"]
    assert int(after["contracts"]) == int(before["contracts"]) + 1
    assert Build.objects.get().pk > first
    assert not PendingChange.objects.exists()
    assert_summary_is_a_recount()
