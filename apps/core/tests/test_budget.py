"""The connection budget: however many threads query at once, a process holds at most its slots'
connections, counted by PostgreSQL itself (pg_stat_activity), not by the code under test."""

import gc
import threading
import time
import uuid
import warnings

import psycopg2
import pytest
from django.core.cache import cache
from django.core.checks import Error, Warning
from django.db import connections
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from apps.core import checks, pagecache
from apps.core.budget import Slots

threads_querying = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


class Sampler:
    """Counts, every 10 ms, the server processes of PostgreSQL whose application_name is ours."""

    def __init__(self, name):
        self.name, self.peak, self.samples = name, 0, 0
        self._running = threading.Event()

    def _count(self):
        # psycopg2 itself: the monitor's connection is no thread's of the budget.
        monitor = psycopg2.connect(**connections["default"].get_connection_params())
        monitor.autocommit = True
        try:
            with monitor.cursor() as cursor:
                while self._running.is_set():
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                        [self.name],
                    )
                    self.peak = max(self.peak, cursor.fetchone()[0])
                    self.samples += 1
                    time.sleep(0.01)
        finally:
            monitor.close()

    def __enter__(self):
        self._running.set()
        self._thread = threading.Thread(target=self._count)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._running.clear()
        self._thread.join()


def query_as(name, aliases, seconds, errors, done):
    """One request's worth of work in a thread: query, then close as a request's end does."""
    try:
        for alias in aliases:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT set_config('application_name', %s, false)", [name])
        for alias in aliases:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT pg_sleep(%s)", [seconds])
        done.append(aliases)
    except Exception as error:
        errors.append(error)
    finally:
        for alias in aliases:
            connections[alias].close()


def run_threads(count, aliases, seconds=0.2):
    name = f"budget-{uuid.uuid4().hex[:8]}"
    errors, done = [], []
    threads = [
        threading.Thread(target=query_as, args=(name, aliases, seconds, errors, done))
        for _ in range(count)
    ]
    with Sampler(name) as sampler:
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    return sampler, errors, done, elapsed


@threads_querying
@override_settings(DATABASE_CONNECTIONS_PER_PROCESS=3, DATABASE_CONNECTION_WAIT_SECONDS=30)
def test_sixteen_threads_querying_at_once_hold_at_most_the_budgets_connections():
    sampler, errors, done, elapsed = run_threads(16, ["default"])

    assert errors == []
    assert len(done) == 16
    assert sampler.peak == 3  # never more, and the three slots were used at once
    assert elapsed >= 16 / 3 * 0.2 * 0.9  # the others waited: six rounds of 0.2 s at least


@threads_querying
@override_settings(DATABASE_CONNECTIONS_PER_PROCESS=2, DATABASE_CONNECTION_WAIT_SECONDS=30)
def test_a_thread_reading_primary_and_replica_takes_one_slot_and_never_deadlocks():
    sampler, errors, done, _elapsed = run_threads(8, ["default", "replica"])

    assert errors == []
    assert len(done) == 8
    # Two threads at a time, each with a connection per alias.
    assert sampler.peak == 4


@threads_querying
@override_settings(DATABASE_CONNECTIONS_PER_PROCESS=0)
def test_without_a_budget_every_thread_opens_its_own_connection():
    sampler, errors, done, _elapsed = run_threads(6, ["default"], seconds=0.5)

    assert errors == [] and len(done) == 6
    assert sampler.peak == 6


@threads_querying
@override_settings(DATABASE_CONNECTIONS_PER_PROCESS=1, DATABASE_CONNECTION_WAIT_SECONDS=0.5)
def test_a_request_that_finds_no_slot_within_the_wait_is_answered_503(staff_user):
    token = Token.objects.create(user=staff_user).key
    connections.close_all()
    holding, release = threading.Event(), threading.Event()

    def hold_the_only_slot():
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        holding.set()
        release.wait(10)
        connections["default"].close()

    responses = []

    def request():
        responses.append(
            Client(raise_request_exception=False).get(
                "/api/v1/events/",
                HTTP_AUTHORIZATION=f"Token {token}",
                HTTP_ACCEPT="application/json",
            )
        )
        connections.close_all()

    holder = threading.Thread(target=hold_the_only_slot)
    holder.start()
    holding.wait(10)
    asker = threading.Thread(target=request)
    asker.start()
    asker.join()
    release.set()
    holder.join()
    (response,) = responses
    assert response.status_code == 503
    assert response.headers["Retry-After"]

    after = threading.Thread(target=request)  # the slot is free again
    after.start()
    after.join()
    assert responses[-1].status_code == 200


def issue_ids(**overrides):
    # The checks read CONN_MAX_AGE from DATABASES, replaced here; no connection is opened.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Overriding setting DATABASES")
        with override_settings(**overrides):
            found = checks.connection_budget_coherent()
            found += checks.connections_bounded_in_production()
    return {(type(issue), issue.id) for issue in found}


def databases(max_age):
    from django.conf import settings

    return {
        alias: {**settings.DATABASES[alias], "CONN_MAX_AGE": max_age}
        for alias in ("default", "replica")
    }


def budget_settings(per_host, workers=4, threads=16, max_age=0, pooler="pgbouncer"):
    return {
        "DATABASE_CONNECTIONS_PER_HOST": per_host,
        "DATABASE_CONNECTIONS_PER_PROCESS": per_host // workers,
        "WEB_WORKERS": workers,
        "WEB_THREADS": threads,
        "DATABASE_POOLER": pooler,
        "DATABASES": databases(max_age),
    }


def test_the_production_budget_is_coherent():
    assert issue_ids(**budget_settings(16)) == set()


def test_checks_refuse_a_budget_below_one_connection_per_worker():
    assert issue_ids(**budget_settings(3)) == {(Error, "core.E001")}


def test_checks_refuse_kept_connections_with_fewer_slots_than_threads():
    assert issue_ids(**budget_settings(16, max_age=60)) == {(Error, "core.E002")}
    # A slot per thread: a kept connection keeps nobody waiting.
    assert issue_ids(**budget_settings(64, max_age=60)) == set()


def test_checks_warn_of_a_budget_that_bounds_nothing_or_does_not_divide():
    assert issue_ids(**budget_settings(100)) == {(Warning, "core.W001")}
    assert issue_ids(**budget_settings(18)) == {(Warning, "core.W002")}


def test_deploy_check_warns_of_unbounded_kept_connections_straight_to_postgresql():
    assert issue_ids(**budget_settings(0, max_age=60, pooler="")) == {(Warning, "core.W003")}
    assert issue_ids(**budget_settings(0, max_age=60)) == set()  # PgBouncer holds them
    assert issue_ids(**budget_settings(16, pooler="")) == set()


def test_slots_go_to_the_longest_waiter_and_a_wait_ends_at_its_time():
    slots = Slots(1)
    assert slots.acquire(timeout=0)
    order = []

    def wait_for_a_slot(name):
        if slots.acquire(timeout=10):
            order.append(name)
            time.sleep(0.05)
            slots.release()

    waiters = []
    for name in ("first", "second", "third"):
        waiters.append(threading.Thread(target=wait_for_a_slot, args=(name,)))
        waiters[-1].start()
        time.sleep(0.05)  # each is waiting before the next comes
    began = time.monotonic()
    assert not slots.acquire(timeout=0.2)  # a fourth gives up after its 0.2 s
    assert 0.2 <= time.monotonic() - began < 1
    slots.release()
    for waiter in waiters:
        waiter.join()

    assert order == ["first", "second", "third"]
    assert slots.acquire(timeout=0)  # all given back


@threads_querying
@override_settings(DATABASE_CONNECTIONS_PER_PROCESS=1, DATABASE_CONNECTION_WAIT_SECONDS=5)
def test_a_thread_waiting_for_a_page_another_builds_gives_its_slot_to_the_builder():
    cache.clear()
    name, results = f"budget-{uuid.uuid4().hex[:8]}", {}
    building, waiter_holds_the_slot = threading.Event(), threading.Event()

    def compute():
        building.set()
        waiter_holds_the_slot.wait(5)
        with connections["default"].cursor() as cursor:  # needs the slot the waiter holds
            cursor.execute("SELECT 42")
            return cursor.fetchone()[0]

    def ask(who):
        try:
            if who == "waiter":
                building.wait(5)
                with connections["default"].cursor() as cursor:
                    cursor.execute("SELECT 1")
                waiter_holds_the_slot.set()
            results[who] = pagecache.cached(name, compute, version="test")
        except Exception as error:
            results[who] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(who,)) for who in ("builder", "waiter")]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == {"builder": 42, "waiter": 42}
    assert time.monotonic() - began < 5  # nobody waited out the budget's 5 s


@threads_querying
@override_settings(DATABASE_CONNECTIONS_PER_PROCESS=1, DATABASE_CONNECTION_WAIT_SECONDS=2)
def test_a_thread_that_ended_without_closing_its_connection_gives_its_slot_back():
    def query(close):
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        if close:
            connections["default"].close()

    forgetful = threading.Thread(target=query, args=(False,))
    forgetful.start()
    forgetful.join()
    del forgetful
    gc.collect()  # the ended thread's connection wrapper, and with it its claim

    errors = []

    def after():
        try:
            query(close=True)
        except Exception as error:
            errors.append(error)

    second = threading.Thread(target=after)
    second.start()
    second.join()
    assert errors == []
