"""Reads of the public site and the API from a PostgreSQL read replica, when there is one.

``DATABASE_REPLICA_URL`` names the replica (a streaming-replication standby). Then, during a
GET or HEAD request outside the admin, reads of the records the public site and the API show
go to the ``replica`` alias; everything else stays on the primary: every write, the admin
(staff expect to see what they just saved), sessions, logins, tokens, technology requests and
their tracking pages (a partner follows the link right after submitting), background tasks.
Without the setting the router sends nothing anywhere else.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
# The record types the public site and the API read; all of them only change through the
# admin, the API's writes or imports, which run on the primary.
REPLICA_APPS = frozenset(
    {
        "core",
        "regions",
        "partners",
        "agreements",
        "funds",
        "institutes",
        "offices",
        "projects",
        "events",
        "outcomes",
        "search",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD"})

_replica_reads = ContextVar("replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if settings.READ_REPLICA and _replica_reads.get() and model._meta.app_label in REPLICA_APPS:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may come from the replica (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = request.method in SAFE_METHODS and not request.path.startswith("/admin/")
        token = _replica_reads.set(allowed)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
