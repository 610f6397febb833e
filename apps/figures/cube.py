"""The statistics cube: published records counted by every combination of up to three of a
source's dimensions, rebuilt with the summary tables (one statement per source).

A public stats request (``/api/v1/stats/contracts/?group_by=department&kind=transfer&year=2024``)
names a grouping and filters. When every filter is one of the source's cube dimensions and the
grouping with the filters names at most ``MAX_DIMENSIONS`` of them, the answer adds up a few
cells of one grouping instead of counting the records: its cost depends on the number of
regions, years and departments, not of records. Other requests (a filter by organization, a
date range, four dimensions at once) are counted from the records as before.

A source's dimensions are declared with its statistics (``Stats.cube``, ``apps.core.stats``);
this module names no record type.
"""

from itertools import combinations

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F, QuerySet, Sum
from django.db.models import Model as DjangoModel

from apps.core.models import pick_language
from apps.core.registry import registry
from apps.figures.models import CubeCell

# At most this many dimensions in one cell: the one grouped by and up to two filtered. The
# groupings are every combination of that many (of 6 dimensions, 42 with the empty one), less
# the triples with a dimension of many values (``CubeColumn.pairs_only``).
MAX_DIMENSIONS = 3
VALUE_COLUMNS = [f"value{index}" for index in range(6)]


def cube_declarations():
    """[Stats] of every record type whose statistics declare cube dimensions."""
    declarations = []
    for record_type in registry.all():
        factory = record_type.hook("stats")
        if factory is None:
            continue
        stats = factory()
        if not stats.cube:
            continue
        if record_type.counted_changes_with_time or stats.counts_every_record:
            raise ImproperlyConfigured(
                f"{stats.name}: a statistics cube needs a counted rule that does not move "
                "with the date, over published records"
            )
        if len(stats.cube) > len(VALUE_COLUMNS):
            raise ImproperlyConfigured(f"{stats.name}: at most {len(VALUE_COLUMNS)} dimensions")
        declarations.append(stats)
    return declarations


def grouping_of(names, grouped):
    """PostgreSQL's GROUPING() of the columns ``names`` when ``grouped`` are grouped: a bit
    per column, the first column's the highest, set where the column is not grouped."""
    width = len(names)
    return sum(1 << (width - 1 - index) for index, name in enumerate(names) if name not in grouped)


def _allowed(stats, names):
    """Whether the cube counts this combination of dimensions."""
    if len(names) > MAX_DIMENSIONS:
        return False
    return len(names) <= 2 or not any(stats.cube[name].pairs_only for name in names)


def _groupings(stats):
    names = list(stats.cube)
    return [
        combination
        for size in range(MAX_DIMENSIONS + 1)
        for combination in combinations(names, size)
        if _allowed(stats, combination)
    ]


def _expression(expression):
    return F(expression) if isinstance(expression, str) else expression


def _parents(stats):
    """{grouping: the grouping its cells are added up from}, each combination from the
    smallest counted one of one more dimension (None: from the finest cells of the records)."""
    groupings = _groupings(stats)
    counted = set(groupings)
    width = {name: 2 if stats.cube[name].pairs_only else 1 for name in stats.cube}
    parents = {}
    for combination in groupings:
        supersets = [
            other
            for other in counted
            if len(other) == len(combination) + 1 and set(combination) < set(other)
        ]
        # A combination without the dimension of many values has far fewer cells.
        parents[combination] = min(
            supersets, key=lambda other: (sum(width[name] for name in other), other), default=None
        )
    return parents


def rebuild_cube(using=None):
    """Replace every source's cells (inside the summary rebuild's transaction).

    The records are counted once per finest cell (every dimension) into a temporary table;
    the largest combinations are added up from it in one pass (GROUPING SETS, hashed), and
    every smaller one from the cells of a combination of one more dimension, a few thousand
    rows: adding every combination up from the finest cells took three times as long.
    """
    table = CubeCell._meta.db_table
    CubeCell.objects.all().delete()
    for stats in cube_declarations():
        names = list(stats.cube)
        located = {
            f"cube_{index}": _expression(stats.cube[name].expression)
            for index, name in enumerate(names)
        }
        records = stats.queryset.published().counted()
        if using:
            records = records.using(using)
        sql, params = (
            records.order_by().annotate(**located).values(*located).query.sql_with_params()
        )
        columns = ", ".join(located)
        texts = ", ".join(f"cube_{index}::text AS cube_{index}" for index in range(len(names)))
        targets = ", ".join(VALUE_COLUMNS)
        padding = ", NULL" * (len(VALUE_COLUMNS) - len(names))
        parents = _parents(stats)
        top = [combination for combination, parent in parents.items() if parent is None]
        sets = ", ".join(
            "(" + ", ".join(f"cube_{names.index(name)}" for name in combination) + ")"
            for combination in top
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', '256MB', true)")
            cursor.execute("DROP TABLE IF EXISTS cube_finest")
            cursor.execute(
                f"CREATE TEMPORARY TABLE cube_finest ON COMMIT DROP AS SELECT {texts}, "
                f"count(*) AS records FROM ({sql}) AS located GROUP BY {columns}",
                params,
            )
            cursor.execute(
                f"INSERT INTO {table} (source, grouping, {targets}, count) "
                f"SELECT %s, GROUPING({columns}), {columns}{padding}, sum(records) "
                f"FROM cube_finest GROUP BY GROUPING SETS ({sets}) HAVING count(*) > 0",
                [stats.name],
            )
            done = set(top)
            while len(done) < len(parents):
                for combination, parent in parents.items():
                    if combination in done or parent not in done:
                        continue
                    kept = [VALUE_COLUMNS[names.index(name)] for name in combination]
                    selected = ", ".join(
                        column if column in kept else "NULL" for column in VALUE_COLUMNS
                    )
                    grouped = f" GROUP BY {', '.join(kept)}" if kept else ""
                    # (No records: no cell, not one of none.)
                    grouped += " HAVING count(*) > 0"
                    cursor.execute(
                        f"INSERT INTO {table} (source, grouping, {targets}, count) "
                        f"SELECT %s, %s, {selected}, sum(count) FROM {table} "
                        f"WHERE source = %s AND grouping = %s{grouped}",
                        [
                            stats.name,
                            grouping_of(names, combination),
                            stats.name,
                            grouping_of(names, parent),
                        ],
                    )
                    done.add(combination)
            cursor.execute("DROP TABLE cube_finest")
    with connection.cursor() as cursor:
        # Fresh statistics for the planner: the table was emptied and filled in this
        # transaction (estimated at a few rows, one grouping's thousands were read as many).
        cursor.execute(f"ANALYZE {table}")


def _filters(value):
    """Whether a filter's cleaned value narrows anything (an empty choice does not)."""
    if value is None or value == "" or value == [] or value == ():
        return False
    if isinstance(value, QuerySet):
        return not value.query.is_empty()
    return True


def _selected(column, value):
    """The cube values a filter's cleaned value selects: () when it does not filter, None
    when the cube cannot answer it."""
    if not _filters(value):
        return ()
    values = value if isinstance(value, list | tuple | set | QuerySet) else [value]
    values = list(values)
    if not values:
        return ()
    selected = []
    for item in values:
        if isinstance(item, DjangoModel):
            if column.places_only and getattr(item, "parent_id", None) is not None:
                return None
            selected.append(str(item.pk))
        elif isinstance(item, int | str):
            selected.append(str(item))
        else:
            return None
    return selected


def cube_rows(stats, group_by, cleaned_filters):
    """[(group value as text or None, count)] for a public stats request, or None when the
    cube cannot answer it (a filter it does not count by, too many dimensions at once, or
    no cube for this source). ``cleaned_filters``: the FilterSet form's cleaned data."""
    if not stats.cube or group_by not in stats.cube:
        return None
    names = list(stats.cube)
    selections = {}
    for name, value in cleaned_filters.items():
        if name == "is_public" and value in (None, True):
            continue  # the cube counts the published records only
        column = stats.cube.get(name)
        if column is None:
            if _filters(value):
                return None
            continue
        chosen = _selected(column, value)
        if chosen is None:
            return None
        if chosen:
            selections[name] = chosen
    used = {group_by, *selections}
    if not _allowed(stats, used):
        return None
    group_column = VALUE_COLUMNS[names.index(group_by)]
    cells = CubeCell.objects.filter(source=stats.name, grouping=grouping_of(names, used))
    for name, chosen in selections.items():
        cells = cells.filter(**{f"{VALUE_COLUMNS[names.index(name)]}__in": chosen})
    return list(
        cells.order_by()
        .values_list(group_column)
        .annotate(total=Sum("count"))
        .values_list(group_column, "total")
    )


def labelled(stats, group_by, rows):
    """The rows as (key, label, count) in the order the records' counting gives (keys as
    text, NULL last): a row of ids becomes its records' code and name; other values are
    their own key, unlabelled (None)."""
    column = stats.cube[group_by]
    if not column.model:
        return sorted(
            ((value, None, count) for value, count in rows),
            key=lambda row: (row[0] is None, row[0] or ""),
        )
    model = apps.get_model(column.model)
    ids = [int(value) for value, _count in rows if value is not None]
    names = {
        str(pk): (code, pick_language(name_zh, name_en))
        for pk, code, name_zh, name_en in model.objects.filter(pk__in=ids).values_list(
            "pk", "code", "name_zh", "name_en"
        )
    }
    labelled_rows = [
        (*(names.get(value, (None, None)) if value is not None else (None, None)), count)
        for value, count in rows
    ]
    return sorted(labelled_rows, key=lambda row: (row[0] is None, row[0] or ""))
