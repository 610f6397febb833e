"""gunicorn's settings for the portal (read from the working directory; flags override them).

The master generates the OpenAPI documents before any worker starts; every worker loads the
jieba dictionary, compiles the templates and builds the URL resolvers as it starts
(``apps.core.warmup``), so no request pays for any of them.

Threaded workers: a page served from the cache takes well under a millisecond of Python, a
request nothing has cached (a new search, an API filter not asked before, an admin list) tens
or hundreds. With one request per worker, a cached page waits in the queue behind the slow ones;
with threads it is answered meanwhile. The public site builds one page or response at a time per
worker (``apps.core.pagecache.BUILDS_PER_PROCESS``) so that the threads answering from the cache
do not queue for the interpreter lock behind several builders; threads waiting for that slot
cost nothing, hence 16. A thread that has queried holds its own database connection
(``CONN_MAX_AGE``): workers × threads per host bound the connections counted against
PostgreSQL's ``max_connections`` (README, "Scale").
"""

import os

import jieba

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", 16))


def when_ready(server):
    # Django is set up here, in the master, not when gunicorn reads this file.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
    import django

    django.setup()
    from django.db import connections

    from apps.api.schema_document import build_schema_documents

    build_schema_documents()
    connections.close_all()  # the workers must not share the master's connections


def post_fork(server, worker):
    jieba.initialize()


def post_worker_init(worker):
    # The application is loaded (Django set up): compile the templates, build the URL resolvers.
    from apps.core.warmup import warm_up

    warm_up()
