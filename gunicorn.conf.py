"""gunicorn's settings for the portal (read from the working directory; flags override them).

The master loads the application before it listens (``preload_app``): importing
``tsinghua_coop.wsgi`` loads the jieba dictionary, compiles the templates and builds the URL
resolvers (``apps.core.warmup``); then it generates the OpenAPI documents, and only then binds
the port and forks the workers, which start warm (and share the dictionary's memory). No
request pays for any of it: until the master is ready the port is closed, not slow.
A preloaded application is not reloaded by ``kill -HUP``: restart gunicorn (or send USR2) to
deploy new code.

Threaded workers: a page served from the cache takes well under a millisecond of Python, a
request nothing has cached (a new search, an API filter not asked before, an admin list) tens
or hundreds. With one request per worker, a cached page waits in the queue behind the slow ones;
with threads it is answered meanwhile. The public site builds one page or response at a time per
worker (``apps.core.pagecache.BUILDS_PER_PROCESS``) so that the threads answering from the cache
do not queue for the interpreter lock behind several builders; threads waiting for that slot
cost nothing, hence 16. Threads do not each hold a database connection: the host's
``DATABASE_CONNECTIONS_PER_HOST`` (in production 4 per worker unless stated) is divided among the
workers, and a thread that queries waits for one of its worker's slots (``apps.core.budget``;
README, "Connection budget").
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsinghua_coop import serving  # noqa: E402 (the checkout is not on the path before)

worker_class = "gthread"
workers = serving.web_workers()
threads = serving.web_threads()
preload_app = True


def on_starting(server):
    # The application is loaded and warm (preload_app); the port is not bound yet.
    from django.conf import settings
    from django.db import connections

    from apps.api.schema_document import build_schema_documents

    build_schema_documents()
    connections.close_all()  # the workers must not share the master's connections
    budget = settings.DATABASE_CONNECTIONS_PER_PROCESS
    server.log.info(
        "Database connections: %s",
        f"at most {budget} per worker, {budget * server.cfg.workers} per database for this host "
        f"(DATABASE_CONNECTIONS_PER_HOST), CONN_MAX_AGE {settings.DATABASES['default']['CONN_MAX_AGE']}"
        if budget
        else f"no budget: up to {server.cfg.workers} × {server.cfg.threads} per database",
    )
    if budget and server.cfg.workers != settings.WEB_WORKERS:
        server.log.warning(
            "DATABASE_CONNECTIONS_PER_HOST is divided among WEB_CONCURRENCY=%s workers but "
            "gunicorn runs %s: give the number of workers by WEB_CONCURRENCY, not --workers",
            settings.WEB_WORKERS,
            server.cfg.workers,
        )
