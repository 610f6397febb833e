"""Reads of the summary tables and of the publication, for every channel that shows figures.

Each function reads the rows of one region or one level (a few hundred at most, whatever the
number of records) after ``current_build()`` made sure they cover every committed change.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone

from apps.core.registry import registry
from apps.figures.models import (
    Build,
    FigureCell,
    FutureRecord,
    Grain,
    Level,
    Release,
    ReleasedSum,
)
from apps.figures.sources import SOURCES, SOURCES_BY_NAME
from apps.figures.summary import current_build

ZERO = Decimal("0.00")


@dataclass
class Measures:
    count: int = 0
    amount: Decimal = ZERO
    extra: int = 0

    def add(self, count, amount, extra):
        self.count += count
        self.amount += amount or 0
        self.extra += extra or 0


@dataclass
class SourceFigures:
    """One record type in one region: in all, by year and by kind."""

    total: Measures = field(default_factory=Measures)
    years: dict = field(default_factory=lambda: defaultdict(Measures))
    kinds: dict = field(default_factory=lambda: defaultdict(Measures))


def _empty():
    return {source.name: SourceFigures() for source in SOURCES}


def _fill(figures, rows):
    for row in rows:
        source = figures[row["source"]]
        if row["grain"] == Grain.TOTAL:
            target = source.total
        elif row["grain"] == Grain.YEAR:
            target = source.years[row["year"]]
        else:
            target = source.kinds[row["kind"]]
        target.add(row["count"], row["amount"], row["extra"])
    return figures


CELL_FIELDS = ("source", "grain", "year", "kind", "count", "amount", "extra")


def region_figures(*, province=None, city=None, build=None):
    """{source name: SourceFigures} of the country, a province or a city with its districts.

    A district (a city under another one) is not a level of the summary tables; its few
    records are counted directly.
    """
    build or current_build()
    if city is not None and city.parent_id is not None:
        return _district_figures(city)
    if city is not None:
        cells = FigureCell.objects.filter(level=Level.PLACE, city=city)
    elif province is not None:
        cells = FigureCell.objects.filter(level=Level.PROVINCE, province=province)
    else:
        cells = FigureCell.objects.filter(level=Level.NATIONAL)
    return _fill(_empty(), cells.order_by().values(*CELL_FIELDS))


def _district_figures(city):
    figures = _empty()
    for source in SOURCES:
        records = source.records().in_region(city)
        measures = source.measures()
        rows = [
            {**row, "grain": Grain.YEAR, "kind": "", "year": row.pop("cell_year")}
            for row in records.order_by()
            .annotate(cell_year=ExtractYear(source.date_field))
            .values("cell_year")
            .annotate(**measures)
        ]
        if source.kind_field:
            rows += [
                {**row, "grain": Grain.KIND, "year": None, "kind": row.pop(source.kind_field)}
                for row in records.order_by().values(source.kind_field).annotate(**measures)
            ]
        for row in list(rows):
            if row["grain"] == Grain.YEAR:
                rows.append({**row, "grain": Grain.TOTAL, "year": None})
        defaults = {"source": source.name, "amount": None, "extra": None}
        _fill(figures, ({**defaults, **row} for row in rows))
    return figures


def places_with_records(*, build=None):
    """The ids of the cities (with their districts) that have a record of any type counted."""
    build or current_build()
    return FigureCell.objects.filter(level=Level.PLACE, grain=Grain.TOTAL).values_list(
        "city_id", flat=True
    )


def level_totals(level, *, province=None, build=None):
    """{region id: {source name: Measures}}: the totals of every province (level PROVINCE)
    or of every city of a province (level PLACE)."""
    build or current_build()
    cells = FigureCell.objects.filter(level=level, grain=Grain.TOTAL)
    if province is not None:
        cells = cells.filter(province=province)
    key = "city_id" if level == Level.PLACE else "province_id"
    totals = defaultdict(lambda: defaultdict(Measures))
    for row in cells.order_by().values(key, "source", "count", "amount", "extra"):
        totals[row[key]][row["source"]].add(row["count"], row["amount"], row["extra"])
    return totals


@dataclass(frozen=True)
class PublishedValue:
    """A region's contract sum as released: ``value`` is None when ``withheld``;
    ``contracts`` is the number of contracts the sum adds up, ``release`` the release (number
    and date) the sum comes from, which may be older than the newest where it was carried."""

    contracts: int
    value: Decimal | None
    withheld: bool
    release: "ReleaseRef | None" = None


@dataclass(frozen=True)
class ReleaseRef:
    number: int
    released_on: object


NOTHING = PublishedValue(0, ZERO, False)


def _newest():
    return Subquery(Release.objects.order_by("-pk").values("pk")[:1])


RELEASED_COLUMNS = (
    "level",
    "province_id",
    "city_id",
    "contracts",
    "value",
    "withheld",
    "value_release_id",
    "value_release__released_at",
)


def _released(rows):
    return {
        (level, province, city): PublishedValue(
            contracts,
            value,
            withheld,
            None if withheld else ReleaseRef(release, timezone.localdate(released_at)),
        )
        for level, province, city, contracts, value, withheld, release, released_at in rows
    }


def publication(*, build=None):
    """{(level, province id, city id): PublishedValue}: every cell of the newest release of
    contract sums (the only sums anyone but staff reads; ``apps.figures.release``)."""
    build or current_build()
    rows = ReleasedSum.objects.filter(release_id=_newest(), year=None).order_by()
    return _released(rows.values_list(*RELEASED_COLUMNS))


def published_value(*, province=None, city=None, build=None):
    """The released contract sum of the country, a province or a city (districts: never)."""
    build or current_build()
    if city is not None:
        if city.parent_id is not None:
            count = SOURCES_BY_NAME["contracts"].records().in_region(city).count()
            return PublishedValue(count, None, True) if count else NOTHING
        cells = ReleasedSum.objects.filter(level=Level.PLACE, city_id=city.pk)
    elif province is not None:
        cells = ReleasedSum.objects.filter(level=Level.PROVINCE, province_id=province.pk)
    else:
        cells = ReleasedSum.objects.filter(level=Level.NATIONAL)
    rows = cells.filter(release_id=_newest(), year=None).order_by().values_list(*RELEASED_COLUMNS)
    found = _released(rows)
    return next(iter(found.values())) if found else NOTHING


def received_values(*, province=None, city=None, build=None):
    """{year: PublishedValue}: the money received (到账) in each year for the published
    contracts of the country, a province or a city, as released (``contracts``: the contracts
    with money received that year). Districts: none (a further breakdown of their city's)."""
    build or current_build()
    if city is not None:
        if city.parent_id is not None:
            return {}
        cells = ReleasedSum.objects.filter(level=Level.PLACE, city_id=city.pk)
    elif province is not None:
        cells = ReleasedSum.objects.filter(level=Level.PROVINCE, province_id=province.pk)
    else:
        cells = ReleasedSum.objects.filter(level=Level.NATIONAL)
    rows = (
        cells.filter(release_id=_newest(), year__isnull=False)
        .order_by("year")
        .values_list("year", *RELEASED_COLUMNS)
    )
    return {year: next(iter(_released([row]).values())) for year, *row in rows}


def data_as_of():
    """The as-of time of the newest build: the time of the newest change it counts, from the
    database's own change log (None before the first build)."""
    return Build.objects.order_by("-pk").values_list("data_as_of", flat=True).first()


def illustrative_records():
    """Whether the figures count illustrative (demonstration) records: every public page then
    says so. One single-row read of the newest build, so a page asks no record table; it never
    starts a rebuild (the figures' own reads do), and after a change it follows with them."""
    return Build.objects.order_by("-pk").values_list("illustrative", flat=True).first() or False


def _future(name, today, *, province=None, city=None):
    """The records of a source the current build found not counted yet and that are still not
    counted ``today`` (their date is after it): read from the build, never from the records as
    they are now, so a page never mixes two versions (its caller read the build's cells)."""
    rows = FutureRecord.objects.filter(source=name, date__gt=today)
    if city is not None:
        rows = rows.filter(Q(city_id=city.pk) | Q(place_id=city.pk))
    elif province is not None:
        rows = rows.filter(province_id=province.pk)
    return rows.order_by().values_list("date", "place_id", "amount", "extra", "values")


def _group(date, place, values, key):
    if key == "year":
        return date.year
    if key == "place":
        return place
    return values.get(key, values.get(f"{key}_id"))


def not_counted_yet(name, today, *keys, province=None, city=None):
    """The published records of a source that its record type's ``counted`` rule leaves out
    today (events announced, not yet held), counted by ``keys``: "year" (of the source's
    date), "place" (the prefecture-level city) or a field name. The summary tables are built
    once per data version and hold them all; the build keeps the few records a rule moving
    with the date alone left out, and they are read here, from the same build as the cells.
    Rows: the keys and "count"."""
    source = SOURCES_BY_NAME[name]
    if not registry.get(source.model).counted_changes_with_time:
        return []
    counts = defaultdict(int)
    for date, place, _amount, _extra, values in _future(name, today, province=province, city=city):
        counts[tuple(_group(date, place, values, key) for key in keys)] += 1
    return [{**dict(zip(keys, group, strict=True)), "count": n} for group, n in counts.items()]


def not_counted_yet_measures(name, today, key=None, *, province=None, city=None):
    """The cells' measures (count, amount, extra) of the published records of a source that
    its record type's ``counted`` rule leaves out today, by ``key`` ("year", "place" or a
    field name; None: in all), for a channel that gives them with the counts (the API's
    stats and summary): {key value: Measures}, from the same build as the cells. Empty,
    without a query, for a rule that does not move with the date."""
    source = SOURCES_BY_NAME[name]
    if not registry.get(source.model).counted_changes_with_time:
        return {}
    groups = defaultdict(Measures)
    if key is None:
        groups[None] = Measures()
    for date, place, amount, extra, values in _future(name, today, province=province, city=city):
        group = None if key is None else _group(date, place, values, key)
        groups[group].add(1, amount, extra)
    return dict(groups)
