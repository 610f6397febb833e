"""The summary tables: rebuilt from the records once per data version, in one transaction.

A rebuild reads each record type once, grouped by province, city (with its districts), year
and kind, and adds the rows up to the levels above; record types that lie in several places
(a project's sites, an agreement's own region and its partner's) are counted so that each
record counts once in every region it lies in. Regions and the publication rule are the
record types' own declarations (``apps.core.registry``). Then the contract
sums are published (``apps.figures.publication``). Readers call ``current_build()`` first:
one query tells whether a change is pending, and at most one process rebuilds at a time.
"""

import time
from collections import defaultdict
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone

from apps.figures.models import Build, FigureCell, Grain, Level, PendingChange, PublishedSum
from apps.figures.publication import Cell, suppress_nested
from apps.figures.sources import SOURCES, place_of

# The rebuild reads the records where it writes the tables and takes the pending changes: on
# the primary, even during a request whose reads go to a replica (tsinghua_coop.db_router).
PRIMARY = DEFAULT_DB_ALIAS

# pg_advisory_xact_lock key of the rebuild ("figures" in ASCII).
LOCK_KEY = 0x66696775726573


def _kind(source, prefix=""):
    return F(f"{prefix}{source.kind_field}") if source.kind_field else Value("")


def _add(cells, key, row):
    total = cells[key]
    total[0] += row["count"]
    total[1] += row.get("amount") or 0
    total[2] += row.get("extra") or 0


def _grains(source, row):
    yield Grain.TOTAL, None, ""
    yield Grain.YEAR, row["cell_year"], ""
    if source.kind_field:
        yield Grain.KIND, None, row["cell_kind"]


def _regional_rows(source, cells):
    """One grouped scan, added up to the place, the province and the country."""
    (path,) = source.regions
    rows = (
        source.records()
        .using(PRIMARY)
        .order_by()
        .annotate(
            cell_province=F(path.province),
            cell_place=place_of(path.city),
            cell_year=ExtractYear(source.date_field),
            cell_kind=_kind(source),
        )
        .values("cell_province", "cell_place", "cell_year", "cell_kind")
        .annotate(**source.measures())
    )
    for row in rows:
        regions = [(Level.NATIONAL, None, None)]
        if row["cell_province"] is not None:
            regions.append((Level.PROVINCE, row["cell_province"], None))
            if row["cell_place"] is not None:
                regions.append((Level.PLACE, row["cell_province"], row["cell_place"]))
        for level, province, city in regions:
            for grain, year, kind in _grains(source, row):
                _add(cells, (source.name, level, province, city, grain, year, kind), row)


def _multi_place_rows(source, cells):
    """Records lying in several places: each counted once in every region it lies in."""
    if source.amount_field or source.extra is not None:
        raise ValueError(f"{source.name}: only counts are kept for records in several places")
    national = (
        source.records()
        .using(PRIMARY)
        .order_by()
        .annotate(cell_year=ExtractYear(source.date_field), cell_kind=_kind(source))
        .values("cell_year", "cell_kind")
        .annotate(**source.measures())
    )
    for row in national:
        for grain, year, kind in _grains(source, row):
            _add(cells, (source.name, Level.NATIONAL, None, None, grain, year, kind), row)
    regions = set()
    for path in source.regions:
        prefix = f"{path.via}__" if path.via else ""
        rows = (
            source.records()
            .using(PRIMARY)
            .order_by()
            .annotate(
                cell_province=F(f"{prefix}{path.province}"),
                cell_place=place_of(f"{prefix}{path.city}"),
                cell_year=ExtractYear(source.date_field),
                cell_kind=_kind(source),
            )
            .filter(cell_province__isnull=False)
            .values_list("pk", "cell_province", "cell_place", "cell_year", "cell_kind")
        )
        for pk, province, place, year, kind in rows:
            regions.add((pk, Level.PROVINCE, province, None, year, kind))
            if place is not None:
                regions.add((pk, Level.PLACE, province, place, year, kind))
    for _pk, level, province, city, year, kind in regions:
        row = {"count": 1, "cell_year": year, "cell_kind": kind}
        for grain, grain_year, grain_kind in _grains(source, row):
            _add(cells, (source.name, level, province, city, grain, grain_year, grain_kind), row)


def count_cells():
    """{(source, level, province, city, grain, year, kind): [count, amount, extra]}."""
    cells = defaultdict(lambda: [0, Decimal(0), 0])
    for source in SOURCES:
        if source.counted_once_per_region:
            _multi_place_rows(source, cells)
        else:
            _regional_rows(source, cells)
    return cells


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


def _insert_cells(cells):
    """All rows in one statement (one array per column): bulk_create costs 0.1 ms a row."""
    columns = [[] for _column in CELL_COLUMNS]
    for key, values in cells.items():
        for column, value in zip(columns, (*key, *values), strict=True):
            column.append(value)
    names = ", ".join(name for name, _type in CELL_COLUMNS)
    arrays = ", ".join(f"%s::{kind}[]" for _name, kind in CELL_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FigureCell._meta.db_table} ({names}) SELECT * FROM unnest({arrays})",
            columns,
        )


def summary_rebuild():
    """Rebuild the summary tables and the publication in one transaction; returns the Build.

    The pending changes are taken first, then the records are read: a change committed in
    between is counted now and again by the next rebuild, never missed.
    """
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        PendingChange.objects.all().delete()
        cells = count_cells()
        FigureCell.objects.all().delete()
        _insert_cells(cells)
        PublishedSum.objects.all().delete()
        PublishedSum.objects.bulk_create(publish(cells), batch_size=5000)
        build = Build.objects.create(
            built_at=timezone.now(), seconds=time.perf_counter() - started, cells=len(cells)
        )
        Build.objects.filter(pk__lt=build.pk).delete()
    return build


def _state():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT max(id) FROM figures_build),"
            " EXISTS (SELECT 1 FROM figures_pendingchange)"
        )
        return cursor.fetchone()


def current_build(*, wait=True):
    """The number of the build covering every committed change, rebuilding first if needed.

    With ``wait=False`` a process that finds another one rebuilding gets the previous build
    (stale while revalidating) instead of waiting for the lock.
    """
    build_id, pending = _state()
    if build_id is not None and not pending:
        return build_id
    with transaction.atomic(), connection.cursor() as cursor:
        if wait or build_id is None:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        else:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
            if not cursor.fetchone()[0]:
                return build_id
        # Another process may have rebuilt while this one waited.
        build_id, pending = _state()
        if build_id is not None and not pending:
            return build_id
        return summary_rebuild().pk
