"""Which transactions changed the records the figures count: the data version.

PostgreSQL statement triggers on every table of the domain apps note the writing transaction in
``figures_pendingchange`` (one row per transaction, however many statements it runs). So every
write path is seen, whatever it goes through: a service, the admin, an import, ``bulk_create``,
``QuerySet.update()``, raw SQL or COPY. Django signals would miss the last four.

Readers call ``apps.figures.summary.current_build()`` before reading the summary tables: one
query tells whether a change is pending, and if one is, a rebuild is queued for the worker
(readers meanwhile get the previous build, a consistent set of figures) or, with no build yet
or no broker, made first (one process at a time). So the figures are exact whatever wrote the
records, even outside Django. The public page cache invalidates its pages once per committed
transaction on its own (``apps.core.pagecache``, ``data_version_changed``), and once more when
the rebuild commits (``summary_rebuilt``), so its pages move on to the new figures.

Triggers are (re)installed after every ``migrate``, so a model added to a domain app is
covered without touching this module.
"""

from django.apps import apps
from django.db import connection

from apps.core.registry import feeds_public_pages, registry

TRIGGER_NAME = "figures_note_change"

FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {TRIGGER_NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO figures_pendingchange (txid, noted_at)
    VALUES (txid_current(), clock_timestamp())
    ON CONFLICT (txid) DO NOTHING;
    RETURN NULL;
END
$$;
"""


def watched_tables():
    tables = []
    # The apps holding a record type anyone may see (the registry's), whose tables feed the
    # figures: records, their regions and their relations.
    for label in sorted(registry.public_app_labels()):
        config = apps.get_app_config(label)
        for model in config.get_models(include_auto_created=True):
            if model._meta.app_label != label or model._meta.proxy:
                continue
            if model.__name__.startswith("Historical"):
                continue
            if not feeds_public_pages(model):
                continue
            tables.append(model._meta.db_table)
    return sorted(set(tables))


def install_triggers(sender=None, using="default", **kwargs):
    """Create the trigger function and one statement trigger per watched table (idempotent)."""
    if sender is not None and sender.label != "figures":
        return
    watched = watched_tables()
    with connection.cursor() as cursor:
        cursor.execute(FUNCTION_SQL)
        for table in watched:
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER_NAME} "
                f'AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_NAME}()"
            )
        # A table no longer watched (a model that now says it feeds no public page) loses the
        # trigger an earlier release gave it.
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER_NAME],
        )
        for (table,) in cursor.fetchall():
            if table not in watched:
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON "{table}"')
