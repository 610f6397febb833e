"""What a record type gives the annual report (``apps.operations.reports``).

A domain app declares a ``ReportSection`` in its own ``report.py`` and names it in its record
type's registration (``report="apps.events.report.EVENTS"``). The report runs the sections in
their ``order``: each gives its headline figures, the tables the report lays out by name, and
its columns of the breakdown by region. Every section reads the published records of the
region (``Model.objects.published().in_region(region)``), as the pages and the API do.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")


def money(value):
    """A sum of the report: two decimals, zero for none."""
    return (value or ZERO).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ReportPeriod:
    """The report's year and region (None: the whole university)."""

    start: object
    end: object
    region: object = None


@dataclass
class ReportPart:
    """A section's figures for one period: ``headline`` rows (label, value), ``tables`` by the
    report's name for them, and ``breakdown``: given a grouping expression (province or city),
    the section's columns per group (``breakdown_empty``: the columns of a group it lacks)."""

    headline: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)
    breakdown: Callable | None = None
    breakdown_empty: tuple = ()


IN_YEAR = "in_year"
TO_DATE = "to_date"


@dataclass(frozen=True)
class ReportSection:
    """A record type's section of the report: ``collect(period)`` gives its ``ReportPart``;
    ``step``, if any, is the progress message shown when the section starts. ``counts``: what
    its first headline figure counts: the records dated in the year (``IN_YEAR``: contracts
    signed, events held) or those standing at its end (``TO_DATE``: funds, offices …)."""

    order: int
    collect: Callable
    step: object = None
    counts: str = TO_DATE
