"""The connection budget: at most ``DATABASE_CONNECTIONS_PER_PROCESS`` threads of a process hold
database connections at once (README, "Connection budget").

Django gives every thread its own connection per database alias, opened at the thread's first
query and kept for ``CONN_MAX_AGE``; a gunicorn host of 4 workers × 16 threads may therefore
hold 64 connections to each database, and two such hosts exhaust PostgreSQL's default 100.
The budget bounds that number whatever the threads: a thread's first connection (to any alias)
takes one of the process's slots, waiting for one if none is free, and its last one closed
gives the slot back. A thread holds at most one connection per alias, so a process holds at most
``slots`` connections to each database, a host ``workers × slots``.

One slot per thread rather than one per connection: a thread that holds the primary and needs the
replica (or the reverse) never waits for a slot while holding one, so no two threads can each
hold what the other waits for. Requests that query nothing (a page or API answer from the cache)
take no slot. Waiting threads get slots in the order they came (``Slots``), so a wait is as long
as the queue ahead of it; a thread that waits longer than ``DATABASE_CONNECTION_WAIT_SECONDS`` gets
``OperationalError``, which the portal answers with its 503 page (``apps.core.views``).

Slots are given back when connections close. With fewer slots than threads, connections must
close at the end of each request (``CONN_MAX_AGE`` 0, the settings' default then), or a thread
would keep its slot while idle and the others would wait for it; the system check
``core.E002`` refuses the combination. The price is a new connection for each request that
queries (README, "Connection budget", measures it); Django's own pool, which hands connections
from thread to thread, needs psycopg 3 in place of psycopg2.
"""

import collections
import threading
import weakref

from django.conf import settings
from django.db import OperationalError, connections


class Budget:
    """``slots`` threads at a time may hold connections; the others wait up to ``wait`` s."""

    def __init__(self, slots, wait):
        self.slots = slots
        self.wait = wait
        self._free = Slots(slots)
        self._lock = threading.Lock()
        self._threads = threading.local()

    def enter(self):
        """Called before this thread opens a connection; returns what ``leave()`` takes."""
        ticket = getattr(self._threads, "ticket", None)
        with self._lock:
            if ticket is not None and ticket.connections:
                ticket.connections += 1
                return ticket
        if not self._free.acquire(timeout=self.wait):
            raise OperationalError(
                f"no database connection free: the {self.slots} of this process were all in "
                f"use for {self.wait:g} s (DATABASE_CONNECTIONS_PER_HOST)"
            )
        ticket = _Ticket()
        ticket.connections = 1
        self._threads.ticket = ticket
        return ticket

    def leave(self, ticket):
        """Called once per ``enter()`` when that connection is closed (from any thread)."""
        with self._lock:
            ticket.connections -= 1
            if ticket.connections:
                return
        self._free.release()


class Slots:
    """A semaphore that serves its waiters in the order they came: a slot given back goes to the
    longest waiter, never to a thread arriving meanwhile (``threading.Semaphore`` lets newcomers
    take it, and under load some waiters would then wait past their time while others pass)."""

    def __init__(self, count):
        self._free = count
        self._lock = threading.Lock()
        self._waiters = collections.deque()

    def acquire(self, timeout):
        with self._lock:
            if self._free and not self._waiters:
                self._free -= 1
                return True
            waiter = threading.Lock()
            waiter.acquire()
            self._waiters.append(waiter)
        if waiter.acquire(timeout=timeout):
            return True  # handed over by release()
        with self._lock:
            try:
                self._waiters.remove(waiter)
            except ValueError:
                return True  # handed over as the wait ended: the slot is ours
            return False

    def release(self):
        with self._lock:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._free += 1


class _Ticket:
    connections = 0


_budget = None
_budget_lock = threading.Lock()


def budget():
    """The process's budget, or None when there is none (``DATABASE_CONNECTIONS_PER_HOST`` 0)."""
    global _budget
    slots = settings.DATABASE_CONNECTIONS_PER_PROCESS
    if not slots:
        return None
    wait = settings.DATABASE_CONNECTION_WAIT_SECONDS
    with _budget_lock:
        if _budget is None or (_budget.slots, _budget.wait) != (slots, wait):
            _budget = Budget(slots, wait)  # a test that overrides the settings gets its own
        return _budget


class Hold:
    """One connection's claim on its thread's slot: given back once, when the connection is
    closed or, failing that, when the wrapper that held it is garbage-collected (a thread that
    ended without closing)."""

    def __init__(self, owner, budget):
        ticket = budget.enter()
        self._finalizer = weakref.finalize(owner, budget.leave, ticket)

    def release(self):
        self._finalizer()  # runs budget.leave at most once


def release_idle_connections():
    """Give back this thread's slot before it waits for something another thread may need a
    connection to finish (a page another thread is building, ``apps.core.pagecache``): closes
    its connections that hold no transaction; its next query opens one again. Otherwise threads
    that hold every slot while waiting for a builder that waits for a slot would all stall
    until ``DATABASE_CONNECTION_WAIT_SECONDS`` ends the builder's wait with an error."""
    if budget() is None:
        return
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.in_atomic_block:
            connection.close()
