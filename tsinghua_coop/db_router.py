"""Reads of the public site and the API from a PostgreSQL read replica, when there is one.

``DATABASE_REPLICA_URL`` names the replica (a streaming-replication standby). Then, during a
GET or HEAD request outside the admin, reads of the records the public site and the API show
go to the ``replica`` alias; everything else stays on the primary: every write, the admin
(staff expect to see what they just saved), sessions, logins, tokens, technology requests and
their tracking pages (a partner follows the link right after submitting), background tasks.
Without the setting the router sends nothing anywhere else.

Reading one's own writes
    A response to a request that may have written (POST, PUT, PATCH, DELETE) carries the
    ``PIN_COOKIE`` for ``REPLICA_PIN_SECONDS``; while a browser (or any client that keeps
    cookies) sends it back, its reads stay on the primary, so what it has just saved is there
    on the next page even if the replica is behind. The cookie only moves reads to the primary;
    a client that forges it costs the primary its reads, nothing more.

The replica down
    Reads fall back to the primary. Before a request's first read from the replica its
    connection is checked (Django's health check on a kept connection, a connect otherwise,
    with ``connect_timeout``); a failure opens a circuit breaker for ``REPLICA_BREAK_SECONDS``
    during which the process's threads read the primary without trying. After the pause the
    next read tries again and, if the replica answers, reads return to it.
"""

import functools
import logging
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

from apps.core.breaker import CircuitBreaker
from apps.core.registry import registry

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "coop_primary"
# Besides the apps holding a record type anyone may see (the registry's public_app_labels()),
# the search index the public search reads. All of them change only through the admin, the
# API's writes or imports, which run on the primary.
REPLICA_EXTRA_APPS = frozenset({"search"})


@functools.cache
def replica_apps():
    """The apps whose reads a public request may take from the replica (asked once the
    registry is complete: at the first routed read)."""
    return registry.public_app_labels() | REPLICA_EXTRA_APPS


SAFE_METHODS = frozenset({"GET", "HEAD"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_replica_reads = ContextVar("replica_reads", default=False)
_replica_breaker = CircuitBreaker()


def replica_usable():
    """True if this thread's replica connection answers; False while the breaker is open."""
    if _replica_breaker.is_open():
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        connection.close()
        if _replica_breaker.trip(settings.REPLICA_BREAK_SECONDS):
            logger.warning(
                "Read replica unavailable (%s); reading from the primary for %.0f s at a time",
                str(error).strip(),
                settings.REPLICA_BREAK_SECONDS,
            )
        return False
    if _replica_breaker.close():
        logger.warning("Read replica answers again; public reads return to it")
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            settings.READ_REPLICA
            and _replica_reads.get()
            and model._meta.app_label in replica_apps()
            and replica_usable()
        ):
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may come from the replica, and pins to the primary the
    reads of a client that has just written (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = (
            request.method in SAFE_METHODS
            and not request.path.startswith("/admin/")
            and PIN_COOKIE not in request.COOKIES
        )
        token = _replica_reads.set(allowed)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if request.method in WRITE_METHODS and settings.READ_REPLICA:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
