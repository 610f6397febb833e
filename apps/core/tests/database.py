"""Losing the database for real: the server process of a connection ended from another one,
as a PostgreSQL restart, a failover or an administrator's ``pg_terminate_backend`` ends it."""

from django.db import DEFAULT_DB_ALIAS, connections

# pg_terminate_backend waits this long (milliseconds) for the process to be gone.
TERMINATE_WAIT_MS = 10_000


def terminate_backend(alias=DEFAULT_DB_ALIAS):
    """End the server process behind this thread's connection ``alias``; its next statement
    (or the next fetch of an open cursor) fails with an OperationalError."""
    victim = connections[alias]
    victim.ensure_connection()
    pid = victim.connection.get_backend_pid()
    other = connections.create_connection(alias)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, %s)", [pid, TERMINATE_WAIT_MS])
            (ended,) = cursor.fetchone()
    finally:
        other.close()
    assert ended, f"the server process {pid} did not end"
