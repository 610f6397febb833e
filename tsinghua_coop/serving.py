"""How many gunicorn workers and threads a host runs: read by ``gunicorn.conf.py`` and by the
settings (the connection budget is stated per host and divided among the workers)."""

import os

THREADS = 16
# Database connections per worker process when DATABASE_CONNECTIONS_PER_HOST is not given in
# production: the worker builds one public page at a time (apps.core.pagecache), so a few
# connections serve its builder, staff requests and the admin while cache hits need none.
CONNECTIONS_PER_WORKER = 4


def web_workers(environ=os.environ):
    return int(environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))


def web_threads(environ=os.environ):
    return int(environ.get("GUNICORN_THREADS") or THREADS)
