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
cost nothing, hence 16. A thread that has queried holds its own database connection
(``CONN_MAX_AGE``): workers × threads per host bound the connections counted against
PostgreSQL's ``max_connections`` (README, "Scale").
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", 16))
preload_app = True


def on_starting(server):
    # The application is loaded and warm (preload_app); the port is not bound yet.
    from django.db import connections

    from apps.api.schema_document import build_schema_documents

    build_schema_documents()
    connections.close_all()  # the workers must not share the master's connections
