"""The building blocks of a record type's statistics: what its rows are grouped by
(``Dimension``) and what is counted or summed per group (``Measure``).

Each domain app declares its record types' statistics in its own ``stats.py`` (a ``Stats``
built by a function) and names it in its ``querysets.py`` as the record type's ``stats`` hook::

    registry.hook("agreements.Contract", stats="apps.agreements.stats.contract_stats")

The stats API (``apps.api.aggregates``) iterates the registry and serves one endpoint per
record type with the hook; it alone knows the disclosure rules applied to them.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, F
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.scope import place_of


@dataclass(frozen=True)
class Dimension:
    """What rows are grouped by: a key, and a bilingual label (or choices to label the key)."""

    key: object
    label_zh: object = None
    label_en: object = None
    choices: object = None

    def key_expression(self):
        key = F(self.key) if isinstance(self.key, str) else self.key
        return Cast(key, CharField())

    def label_expressions(self):
        return {
            "label_zh": F(self.label_zh) if isinstance(self.label_zh, str) else self.label_zh,
            "label_en": F(self.label_en) if isinstance(self.label_en, str) else self.label_en,
        }


@dataclass(frozen=True)
class Measure:
    """``summary`` names the summary tables' column holding the measure (count, amount or
    extra), if they do."""

    name: str
    expression: object
    field: object
    confidential: bool = False
    summary: str = ""


@dataclass(frozen=True)
class SummaryFigure:
    """A number the record type gives the API summary (``/api/v1/stats/summary/``).

    ``measure``: "count" (the records its ``counted`` rule counts), "amount" (the sum of its
    source's amount; for a confidential sum, the publication's value), "withheld" (whether
    that published sum is withheld) or "extra" (the sum of its source's second measure).
    """

    name: str
    measure: str
    field: object


@dataclass(frozen=True)
class CubeColumn:
    """A dimension as a column of the statistics cube (``apps.figures.cube``), which counts the
    published records by every combination of up to three dimensions, so that a filtered count
    reads a few cells instead of the records.

    ``expression``: a record's value (a column or an expression). ``model``: the values are
    ids of that model's rows (an app label, "regions.Province"), whose ``code`` is the key the
    API shows and whose names label it. ``places_only``: the values are places (a city with its
    districts), so a filter naming a district cannot be answered from them. ``pairs_only``:
    a dimension of many values (hundreds of places), combined with one other dimension at
    most, so the cube stays a fraction of the records (a filter naming one place is counted
    from the records through their index instead).
    """

    expression: object
    model: str = ""
    places_only: bool = False
    pairs_only: bool = False


@dataclass(frozen=True)
class Stats:
    """A record type's statistics endpoint: ``/api/v1/stats/<name>/``.

    ``source`` is the summary tables' name of the resource (``apps.figures.sources``), if they
    count it. ``counts_every_record``: records with no public flag (technology requests),
    counted whole, and for those who may not see them only in groups large enough.
    ``summary``: its ``SummaryFigure``s in the API summary, placed there by ``summary_order``.
    """

    name: str
    schema_name: str
    queryset: object
    filterset_class: object
    dimensions: dict
    measures: list
    description: str
    source: str = ""
    counts_every_record: bool = False
    order: int = field(default=100, compare=False)
    # Its figures in the API summary, and where they come in its response.
    summary: tuple = ()
    summary_order: int = field(default=100, compare=False)
    # {dimension name: CubeColumn}: the dimensions the statistics cube counts by, each also
    # the name of the FilterSet's filter that narrows it. Only for a record type whose
    # ``counted`` rule does not move with the date, and whose public measures are counts.
    cube: dict = field(default_factory=dict, compare=False)


def province_dimension(path="province"):
    return Dimension(f"{path}__code", f"{path}__name_zh", f"{path}__name_en")


def city_dimension(path="city"):
    """Prefecture-level cities, with their districts' records counted in."""
    return Dimension(place_of(path, "code"), place_of(path, "name_zh"), place_of(path, "name_en"))


def year_dimension(date_field):
    return Dimension(ExtractYear(date_field))


def choice_dimension(field, choices):
    return Dimension(field, choices=choices)


def department_dimension(path="department"):
    return Dimension(f"{path}__code", f"{path}__name_zh", f"{path}__name_en")


def regional_cube(date_field, path="province", city_path="city"):
    """The cube columns of ``regional_dimensions``."""
    return {
        "province": CubeColumn(f"{path}_id", model="regions.Province"),
        "city": CubeColumn(
            place_of(city_path), model="regions.City", places_only=True, pairs_only=True
        ),
        "year": CubeColumn(ExtractYear(date_field)),
    }


def regional_dimensions(date_field):
    """Province, city (districts included) and year of ``date_field``."""
    return {
        "province": province_dimension(),
        "city": city_dimension(),
        "year": year_dimension(date_field),
    }


def count_measure(distinct=False):
    return Measure(
        "count",
        Count("pk", distinct=distinct),
        serializers.IntegerField(help_text=_("Number of records in the group.")),
        summary="count",
    )


def money_field(help_text):
    return serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True, help_text=help_text
    )
