"""System checks of the connection budget (``apps.core.budget``, README "Connection budget").

What they cannot know is how many hosts share the database server and its ``max_connections``:
the README states that sum; these check what one host's settings promise."""

from django.conf import settings
from django.core.checks import Error, Warning, register

ALIASES = ("default", "replica")


@register()
def connection_budget_coherent(app_configs=None, **kwargs):
    per_host = settings.DATABASE_CONNECTIONS_PER_HOST
    workers, threads = settings.WEB_WORKERS, settings.WEB_THREADS
    if not per_host:
        return []
    if per_host < workers:
        return [
            Error(
                f"DATABASE_CONNECTIONS_PER_HOST={per_host} is fewer than the host's "
                f"{workers} gunicorn workers (WEB_CONCURRENCY): a worker would get no connection.",
                hint=f"Give at least one connection per worker: {workers} or more.",
                id="core.E001",
            )
        ]
    issues = []
    slots = settings.DATABASE_CONNECTIONS_PER_PROCESS
    kept = [alias for alias in ALIASES if settings.DATABASES[alias].get("CONN_MAX_AGE", 0) != 0]
    if slots < threads and kept:
        issues.append(
            Error(
                f"CONN_MAX_AGE keeps connections open while a worker has {slots} connection slot(s) "
                f"for {threads} threads: an idle thread would keep its slot and the others "
                "wait for it.",
                hint="Leave CONN_MAX_AGE unset (0 with a budget below the threads): connections "
                "close at the end of each request.",
                id="core.E002",
            )
        )
    if per_host > workers * threads:
        issues.append(
            Warning(
                f"DATABASE_CONNECTIONS_PER_HOST={per_host} is more than the host's {workers} "
                f"workers × {threads} threads can open: it bounds nothing.",
                hint=f"State at most {workers * threads}.",
                id="core.W001",
            )
        )
    elif per_host % workers:
        issues.append(
            Warning(
                f"DATABASE_CONNECTIONS_PER_HOST={per_host} does not divide among {workers} "
                f"workers: each gets {slots}, the host at most {slots * workers}.",
                hint=f"State a multiple of {workers}.",
                id="core.W002",
            )
        )
    return issues


@register(deploy=True)
def connections_bounded_in_production(app_configs=None, **kwargs):
    if settings.DATABASE_CONNECTIONS_PER_HOST or settings.DATABASE_POOLER:
        return []
    if settings.DATABASES["default"].get("CONN_MAX_AGE", 0) == 0:
        return []
    workers, threads = settings.WEB_WORKERS, settings.WEB_THREADS
    return [
        Warning(
            f"Without a connection budget or PgBouncer each of a host's {workers} workers × "
            f"{threads} threads keeps its own PostgreSQL server process for CONN_MAX_AGE: "
            f"{workers * threads} per host and per database.",
            hint="Leave DATABASE_CONNECTIONS_PER_HOST at its production default (or state one), "
            "or point DATABASE_URL at PgBouncer with DATABASE_POOLER=pgbouncer.",
            id="core.W003",
        )
    ]
