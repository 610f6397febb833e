"""The summary tables: rebuilt from the records once per data version, in one transaction.

A rebuild reads each record type once, grouped by province, city (with its districts), year
and kind, and adds the rows up to the levels above; record types that lie in several places
(a project's sites, an agreement's own region and its partner's) are counted so that each
record counts once in every region it lies in. Regions and the publication rule are the
record types' own declarations (``apps.core.registry``). Then the contract
sums are published (``apps.figures.publication``). Readers call ``current_build()`` first:
one query tells whether a change is pending; if one is, the worker rebuilds (the "figures"
queue, ``apps.figures.tasks``) while readers get the previous build, and at most one process
rebuilds at a time.
"""

import json
import logging
import time
from decimal import Decimal

from celery import current_app, current_task
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import F, IntegerField, Max, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone

from apps.core.registry import registry
from apps.core.scope import place_of
from apps.core.signals import summary_rebuilt
from apps.figures import release
from apps.figures.cube import rebuild_cube
from apps.figures.models import (
    Build,
    FigureCell,
    FutureRecord,
    Grain,
    Level,
    PendingChange,
    PublishedSum,
    Release,
)
from apps.figures.publication import Cell, suppress_nested
from apps.figures.sources import SOURCES

# The rebuild reads the records where it writes the tables and takes the pending changes: on
# the primary, even during a request whose reads go to a replica (tsinghua_coop.db_router).
PRIMARY = DEFAULT_DB_ALIAS

# pg_advisory_xact_lock key of the rebuild ("figures" in ASCII).
LOCK_KEY = 0x66696775726573
# Set in the cache (to the time it was queued) while a rebuild waits for the worker, so that a
# hundred readers queue it once; the task removes it as it starts.
QUEUED_KEY = "figures:rebuild-queued"
QUEUED_SECONDS = 60 * 60
REBUILD_TASK = "apps.figures.tasks.rebuild_figures"

# Sent once a rebuild has committed (``build=<Build>``): what shows the figures (the public
# page cache) moves on to them.

logger = logging.getLogger(__name__)


def _kind(source, prefix=""):
    return F(f"{prefix}{source.kind_field}") if source.kind_field else Value("")


# (grouped columns, level, grain): the cells each record type is counted in. Counted in one
# grouped statement with GROUPING SETS, so the adding up is PostgreSQL's, not Python's.
GROUPINGS = [
    (("province", "place", "year"), Level.PLACE, Grain.YEAR),
    (("province", "place", "kind"), Level.PLACE, Grain.KIND),
    (("province", "place"), Level.PLACE, Grain.TOTAL),
    (("province", "year"), Level.PROVINCE, Grain.YEAR),
    (("province", "kind"), Level.PROVINCE, Grain.KIND),
    (("province",), Level.PROVINCE, Grain.TOTAL),
    (("year",), Level.NATIONAL, Grain.YEAR),
    (("kind",), Level.NATIONAL, Grain.KIND),
    ((), Level.NATIONAL, Grain.TOTAL),
]
COLUMNS = ("province", "place", "year", "kind")


def _located(source, queryset, path=None):
    """The records as rows of (record, province, place, year, kind, amount, extra)."""
    prefix = f"{path.via}__" if path is not None and path.via else ""
    located = {
        "cell_record": F("pk"),
        "cell_province": F(f"{prefix}{path.province}") if path else Value(None, IntegerField()),
        "cell_place": place_of(f"{prefix}{path.city}") if path else Value(None, IntegerField()),
        "cell_year": ExtractYear(source.date_field),
        "cell_kind": _kind(source),
        "cell_amount": F(source.amount_field) if source.amount_field else Value(0),
        "cell_extra": source.extra_expression() if source.extra is not None else Value(0),
    }
    return queryset.using(PRIMARY).order_by().annotate(**located).values(*located)


def _grouped(source, parts, groupings, *, distinct):
    """Run the GROUPING SETS statement over the union of ``parts`` (querysets of
    ``_located`` rows) and add its rows to the cells."""
    sqls, params = [], []
    for part in parts:
        sql, part_params = part.query.sql_with_params()
        sqls.append(f"({sql})")
        params.extend(part_params)
    union = " UNION ".join(sqls) if distinct else " UNION ALL ".join(sqls)
    sets = ", ".join(
        "(" + ", ".join(f"cell_{column}" for column in columns) + ")"
        for columns, _level, _grain in groupings
    )
    # GROUPING() and the select list may only name columns some grouping set groups by.
    used = [column for column in COLUMNS if any(column in c for c, _l, _g in groupings)]
    selected = ", ".join(f"cell_{c}" if c in used else "NULL" for c in COLUMNS)
    if distinct:
        count, rows = "count(DISTINCT cell_record)", f"({union}) AS located"
    else:
        # Records counted once each are first counted per finest cell (one hash aggregate
        # over the records, a few ten thousand rows out), then the grouping sets add those
        # up: at 1,000,000 contracts half the time of sorting every record for each set.
        finest = ", ".join(f"cell_{column}" for column in COLUMNS)
        count = "CAST(COALESCE(sum(cell_count), 0) AS bigint)"
        rows = (
            f"(SELECT {finest}, count(*) AS cell_count, sum(cell_amount) AS cell_amount, "
            f"sum(cell_extra) AS cell_extra FROM ({union}) AS located GROUP BY {finest}) "
            "AS finest"
        )
    statement = (
        f"SELECT GROUPING({', '.join(f'cell_{c}' for c in used)}), {selected}, {count}, "
        "COALESCE(sum(cell_amount), 0), COALESCE(sum(cell_extra), 0) "
        f"FROM {rows} GROUP BY GROUPING SETS ({sets})"
    )
    by_mask = {}
    for columns, level, grain in groupings:
        bits = [column not in columns for column in used]
        mask = sum(1 << (len(used) - 1 - index) for index, bit in enumerate(bits) if bit)
        by_mask[mask] = (level, grain)
    cells = {}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for mask, province, place, year, kind, number, amount, extra in cursor.fetchall():
            level, grain = by_mask[mask]
            if level != Level.NATIONAL and province is None:
                continue
            if level == Level.PLACE and place is None:
                continue
            if grain == Grain.KIND and not source.kind_field:
                continue
            key = (
                source.name,
                level,
                province if level != Level.NATIONAL else None,
                place if level == Level.PLACE else None,
                grain,
                year if grain == Grain.YEAR else None,
                kind if grain == Grain.KIND else "",
            )
            cells[key] = [number, Decimal(amount), int(extra)]
    return cells


def _source_cells(source):
    """Every cell of one record type: one statement, or for records lying in several places
    (a project's sites, an agreement's partner) one per level, each record counted once in
    every region it lies in."""
    records = source.records()
    if not source.counted_once_per_region:
        (path,) = source.regions
        return _grouped(source, [_located(source, records, path)], GROUPINGS, distinct=False)
    regional = [
        (columns, level, grain)
        for columns, level, grain in GROUPINGS
        if columns and "province" in columns
    ]
    national = [
        (columns, level, grain) for columns, level, grain in GROUPINGS if level == Level.NATIONAL
    ]
    located = [
        _located(source, records, path).filter(cell_province__isnull=False)
        for path in source.regions
    ]
    return {
        **_grouped(source, located, regional, distinct=True),
        **_grouped(source, [_located(source, records)], national, distinct=False),
    }


def count_cells():
    """{(source, level, province, city, grain, year, kind): [count, amount, extra]}."""
    cells = {}
    for source in SOURCES:
        cells.update(_source_cells(source))
    return cells


def future_records(today=None):
    """The published records each source's ``counted`` rule leaves out today, where the rule
    moves with the date alone (counted from the source's date on: an event once held)."""
    today = today or timezone.localdate()
    rows = []
    for source in SOURCES:
        record_type = registry.get(source.model)
        if not record_type.counted_changes_with_time:
            continue
        (path,) = record_type.regions  # one place per record: its province and city
        model = source.model_class()
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if not field.generated and field.get_internal_type() != "TextField"
        ]
        annotations = {
            "future_date": F(source.date_field),
            "future_province": F(f"{path.province}_id"),
            "future_city": F(f"{path.city}_id"),
            "future_place": place_of(path.city),
            "future_amount": F(source.amount_field) if source.amount_field else Value(0),
            "future_extra": source.extra_expression() if source.extra is not None else Value(0),
        }
        for row in (
            source.records().not_counted_yet(today).order_by().values(*fields, **annotations)
        ):
            rows.append(
                FutureRecord(
                    source=source.name,
                    record_id=row["id"],
                    date=row.pop("future_date"),
                    province_id=row.pop("future_province"),
                    city_id=row.pop("future_city"),
                    place_id=row.pop("future_place"),
                    amount=row.pop("future_amount") or 0,
                    extra=row.pop("future_extra") or 0,
                    values=json.loads(json.dumps(row, cls=DjangoJSONEncoder)),
                )
            )
    return rows


def _write_future_records():
    FutureRecord.objects.all().delete()
    FutureRecord.objects.bulk_create(future_records(), batch_size=5000)


def publish(cells):
    """The publication of contract sums from the contract totals of every region."""

    def total(level, province=None, city=None):
        return cells.get(("contracts", level, province, city, Grain.TOTAL, None, ""))

    national = total(Level.NATIONAL) or [0, Decimal(0), 0]
    root = Cell((Level.NATIONAL, None, None), national[0], national[1])
    contract_totals = sorted(
        (key[1:4], value)
        for key, value in cells.items()
        if key[0] == "contracts" and key[4] == Grain.TOTAL and key[1] != Level.NATIONAL
    )
    provinces = {}
    for (level, province, _city), (count, amount, _extra) in contract_totals:
        if level == Level.PROVINCE:
            provinces[province] = Cell((level, province, None), count, amount)
            root.children.append(provinces[province])
    for (level, province, city), (count, amount, _extra) in contract_totals:
        if level == Level.PLACE:
            provinces[province].children.append(Cell((level, province, city), count, amount))
    suppress_nested(root)
    return [
        PublishedSum(
            level=cell.key[0],
            province_id=cell.key[1],
            city_id=cell.key[2],
            contracts=cell.contracts,
            value=cell.value if cell.published else None,
            withheld=not cell.published,
        )
        for cell in root.walk()
    ]


CELL_COLUMNS = [
    ("source", "text"),
    ("level", "text"),
    ("province_id", "bigint"),
    ("city_id", "bigint"),
    ("grain", "text"),
    ("year", "smallint"),
    ("kind", "text"),
    ("count", "integer"),
    ("amount", "numeric"),
    ("extra", "bigint"),
]


KEY_COLUMNS = [name for name, _type in CELL_COLUMNS[:7]]
VALUE_COLUMNS = [name for name, _type in CELL_COLUMNS[7:]]


def _write_cells(cells):
    """Make the table hold ``cells``, writing only the rows that changed: after one saved
    record a handful, not every row."""
    table = FigureCell._meta.db_table
    stored = {}
    for row in FigureCell.objects.values_list("pk", *KEY_COLUMNS, *VALUE_COLUMNS).iterator(
        chunk_size=10000
    ):
        stored[row[1:8]] = (row[0], row[8:])
    stale, fresh = [], {}
    for key, values in cells.items():
        old = stored.pop(key, None)
        if old is None or old[1] != (values[0], Decimal(values[1]), values[2]):
            fresh[key] = values
            if old is not None:
                stale.append(old[0])
    stale += [pk for pk, _values in stored.values()]
    columns = [[] for _column in CELL_COLUMNS]
    for key, values in fresh.items():
        for column, value in zip(columns, (*key, *values), strict=True):
            column.append(value)
    names = ", ".join(name for name, _type in CELL_COLUMNS)
    arrays = ", ".join(f"%s::{kind}[]" for _name, kind in CELL_COLUMNS)
    # Both statements always run (with empty arrays if need be): a rebuild's query count is the
    # same whatever changed.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = ANY(%s::bigint[])", [stale])
        cursor.execute(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})", columns)
    return len(stale), len(fresh)


def summary_rebuild():
    """Rebuild the summary tables and the publication in one transaction; returns the Build.

    The pending changes are taken first, then the records are read: a change committed in
    between is counted now and again by the next rebuild, never missed.
    """
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            # JIT compiling the counting statements took longer (1.1 s at 1,000,000
            # contracts) than it saved; off for the rest of this transaction.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s), set_config('jit', 'off', true)", [LOCK_KEY]
            )
        taken = PendingChange.objects.aggregate(latest=Max("noted_at"))["latest"]
        PendingChange.objects.all().delete()
        previous = Build.objects.order_by("-pk").values_list("data_as_of", flat=True).first()
        cells = count_cells()
        _write_cells(cells)
        _write_future_records()
        rebuild_cube(using=PRIMARY)
        PublishedSum.objects.all().delete()
        PublishedSum.objects.bulk_create(publish(cells), batch_size=5000)
        build = Build.objects.create(
            built_at=timezone.now(),
            seconds=time.perf_counter() - started,
            cells=len(cells),
            illustrative=_illustrative_counted(),
            data_as_of=max((t for t in (taken, previous) if t is not None), default=None),
        )
        Build.objects.filter(pk__lt=build.pk).delete()
        if not Release.objects.exists():
            # The first figures are released at once; later sums wait for the calendar.
            release.release_figures(reason=release.FIRST)
        transaction.on_commit(lambda: summary_rebuilt.send(sender=None, build=build))
    return build


def _illustrative_counted():
    """Whether any record the figures count is illustrative: one statement, the first such
    record of each source."""
    found = [
        source.records().filter(is_illustrative=True).annotate(found=Value(1)).values("found")[:1]
        for source in SOURCES
    ]
    return bool(list(found[0].union(*found[1:], all=True)))


def _state():
    """(number of the newest build, whether a change is pending): one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT max(id) FROM figures_build),"
            " EXISTS (SELECT 1 FROM figures_pendingchange)"
        )
        return cursor.fetchone()


def _rebuild_unless_done(*, wait):
    """Rebuild under the advisory lock unless another process has covered every change
    meanwhile; without ``wait`` returns None at once if another process holds the lock."""
    with transaction.atomic(), connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        else:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
            if not cursor.fetchone()[0]:
                return None
        build_id, pending = _state()
        if build_id is not None and not pending:
            return build_id
        return summary_rebuild().pk


def summary_catch_up():
    """Rebuild until no change is pending (the worker's task): a change committed during a
    rebuild is taken by the next pass. Returns the number of rebuilds."""
    cache.delete(QUEUED_KEY)
    rebuilds = 0
    while True:
        build_id, pending = _state()
        if build_id is not None and not pending:
            return rebuilds
        _rebuild_unless_done(wait=True)
        rebuilds += 1


def _in_background():
    """Whether a reader leaves the rebuild to the worker: on the request path with a broker.
    A task (a report, a dossier) is off the request path already and rebuilds itself."""
    if not settings.FIGURES_REBUILD_IN_BACKGROUND or current_app.conf.task_always_eager:
        return False
    return not current_task or current_task.request.id is None


def _rebuild_queued():
    """Queue one rebuild however many readers ask. False where the reader should rebuild
    itself: the cache or the broker away, or a rebuild queued ``FIGURES_STALE_SECONDS`` ago
    that no worker has taken."""
    if not getattr(cache, "available", True):
        return False
    now = time.time()
    if not cache.add(QUEUED_KEY, now, timeout=QUEUED_SECONDS):
        queued_at = cache.get(QUEUED_KEY)
        return queued_at is not None and now - queued_at < settings.FIGURES_STALE_SECONDS
    try:
        # By name: a web process never imports the tasks modules (only a worker autodiscovers
        # them), so the task is not in its registry; the routes still apply.
        current_app.send_task(REBUILD_TASK, retry=False)
    except Exception:  # noqa: BLE001 — any broker failure: the reader rebuilds instead
        logger.warning("Could not queue the figures rebuild; rebuilding here", exc_info=True)
        cache.delete(QUEUED_KEY)
        return False
    return True


def current_build(*, wait=False):
    """The number of the build the figures are read from.

    With no change pending, the newest build. With one pending, on the request path, the
    previous build at once while one rebuild is queued for the worker (``rebuild_figures`` on
    the "figures" queue; stale-while-revalidate: a consistent set of figures, one version
    behind for the seconds the rebuild takes; the public cache moves on when it commits).
    Inline instead (one process at a time, the others getting the previous build) when there
    is no build yet, in a task, with Celery eager, the broker away, or a rebuild left queued
    for ``FIGURES_STALE_SECONDS`` (no worker on the queue). ``wait=True`` waits for the
    rebuild (the audit).
    """
    build_id, pending = _state()
    if build_id is not None and not pending:
        return build_id
    if build_id is not None and not wait and _in_background() and _rebuild_queued():
        return build_id
    return _rebuild_unless_done(wait=wait or build_id is None) or build_id
