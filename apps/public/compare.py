"""Two regions side by side (``/compare/?a=…&b=…``): every figure of their pages, each with
what the last full year added against the year before (the definitions page, ``comparison``).

Plain data from the regions' cached overviews and counts; counts only, and sums only as
released (the contract value in all years, the money received by year), like the regions'
own pages.
"""

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from apps.public.comparisons import percent_change
from apps.public.pages import compared_figures, figure_columns


@dataclass(frozen=True)
class Counted:
    """A count in all years, and the records the last full year and the year before added."""

    total: int
    last: int
    previous: int

    @property
    def change(self):
        return self.last - self.previous

    @property
    def percent(self):
        return percent_change(self.last, self.previous)


@dataclass(frozen=True)
class Received:
    """The money received in the last full year and the year before, as released (a value of
    None is withheld; a row of None: nothing received that year)."""

    last: dict | None
    previous: dict | None

    @property
    def percent(self):
        if not (self.last and self.previous):
            return None
        if self.last["value"] is None or self.previous["value"] is None:
            return None
        return percent_change(self.last["value"], self.previous["value"])


@dataclass(frozen=True)
class Row:
    key: str
    label: object
    anchor: str
    cells: tuple
    note: object = None


def _counted(counts, name, last):
    years = counts[name]["years"]
    return Counted(counts[name]["total"], years.get(last, 0), years.get(last - 1, 0))


def _received(overview, last):
    by_year = {row["year"]: row for row in overview["received"]}
    return Received(by_year.get(last), by_year.get(last - 1))


def compared_rows(sides, today):
    """The page's rows, each with one cell per region. ``sides``: (overview, counts) of each
    region (``selectors.compared_counts``)."""
    last = today.year - 1
    rows = [
        Row(
            "agreements",
            pgettext_lazy("public site", "Framework agreements"),
            "agreements",
            tuple(_counted(counts, "agreements", last) for _overview, counts in sides),
        ),
        Row(
            "contracts",
            pgettext_lazy("public site", "Technology contracts"),
            "contracts",
            tuple(_counted(counts, "contracts", last) for _overview, counts in sides),
        ),
        # The contract value is released for all years only, never by year.
        Row(
            "contracts_value",
            pgettext_lazy("public site", "Total contract value"),
            "contracts-value",
            tuple(overview["figures"] for overview, _counts in sides),
        ),
        Row(
            "money_received",
            pgettext_lazy("public site", "Money received (到账)"),
            "money-received",
            tuple(_received(overview, last) for overview, _counts in sides),
        ),
    ]
    for column in figure_columns():
        rows.append(
            Row(
                column.source,
                column.label,
                column.anchor,
                tuple(_counted(counts, column.source, last) for _overview, counts in sides),
            )
        )
    # Figures of record types without pages of their own, as their hook declares them.
    for label, declared in compared_figures():
        for key, figure_label in declared.figures:
            name = f"{label}.{key}"
            rows.append(
                Row(
                    name,
                    figure_label,
                    "comparison",
                    tuple(_counted(counts, name, last) for _overview, counts in sides),
                    declared.note,
                )
            )
    return rows
