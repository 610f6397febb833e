"""The public pages' tables, built once as cells: the page shows them and the downloads write them.

A table's cells are the page's cells (the same text, the same rounding, "—" for no record and
"withheld" for a value kept back), so a CSV or XLSX file holds exactly what a reader saw, with
the time the data was last changed and the definitions of its figures.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import pgettext

from apps.public.formatting import (
    NONE_TEXT,
    money_in_unit,
    money_number,
    money_unit,
    plain_number,
    value_state,
    withheld_text,
)
from apps.public.pages import figure_columns


@dataclass
class Cell:
    text: str
    # The number behind the text, for spreadsheets (None: the text is the cell).
    number: object = None
    url: str = ""
    state: str = "shown"


@dataclass
class Column:
    label: str
    numeric: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list
    anchors: list = field(default_factory=list)
    note: str = ""
    # "scroll": figures, scrolled sideways on a phone with the first column fixed;
    # "stack": text, each row stacked as a card.
    layout: str = "scroll"

    @property
    def has_withheld(self):
        return any(cell.state == "withheld" for row in self.rows for cell in row)


def count_cell(count, *, dash_when_zero=False):
    if dash_when_zero and not count:
        return Cell(NONE_TEXT, state="none")
    return Cell(plain_number(count), number=count)


def value_cell(value, count):
    state = value_state(value, count)
    if state == "none":
        return Cell(NONE_TEXT, state="none")
    if state == "withheld":
        return Cell(withheld_text(), state="withheld")
    amount = money_in_unit(value)
    return Cell(money_number(amount), number=amount)


def value_column():
    return Column(
        pgettext("public table", "Contract value (%(unit)s)") % {"unit": money_unit()},
        numeric=True,
    )


def year_label(row, today):
    if row.get("partial"):
        return pgettext("public table", "%(year)s (to %(date)s)") % {
            "year": row["year"],
            "date": formats.date_format(today, "MONTH_DAY_FORMAT"),
        }
    return str(row["year"])


def _regions_table(rows, *, key, title, region_label, places):
    """A row per province (or per city of a province): its contracts, their published value
    and each record type's count (the columns the record types declare)."""
    counts = figure_columns(places=places)
    return Table(
        key=key,
        title=title,
        columns=[
            Column(region_label),
            Column(pgettext("public table", "Contracts"), numeric=True),
            value_column(),
            *(Column(str(column.label), numeric=True) for column in counts),
        ],
        rows=[
            [
                Cell(row["name"], url=row["url"]),
                count_cell(row["contracts"]),
                value_cell(row["value"], row["contracts"]),
                *(count_cell(row[column.source]) for column in counts),
            ]
            for row in rows
        ],
        anchors=[
            "public-records",
            "contracts",
            "contracts-value",
            "releases",
            "withheld",
            *(column.anchor for column in counts),
        ],
    )


def province_table(rows):
    return _regions_table(
        rows,
        key="provinces",
        title=pgettext("public table", "Cooperation by provincial-level unit"),
        region_label=pgettext("public table", "Province"),
        places=False,
    )


def places_table(rows):
    return _regions_table(
        rows,
        key="cities",
        title=pgettext("public table", "Cooperation by city"),
        region_label=pgettext("public table", "City or district"),
        places=True,
    )


def years_table(overview, *, with_values):
    columns = [
        Column(pgettext("public table", "Year")),
        Column(pgettext("public table", "Contracts signed"), numeric=True),
    ]
    if with_values:
        columns.append(value_column())
    columns.append(Column(pgettext("public table", "Events held"), numeric=True))
    rows = []
    for row in reversed(overview["years"]):
        empty = row["empty"]
        cells = [
            Cell(year_label(row, overview["today"])),
            count_cell(row["contracts"], dash_when_zero=empty or row.get("before_contracts")),
        ]
        if with_values:
            cells.append(value_cell(row["value"], row["contracts"]))
        cells.append(count_cell(row["events"], dash_when_zero=empty or row.get("before_events")))
        rows.append(cells)
    return Table(
        key="years",
        title=pgettext("public table", "Contracts and exchange events by year"),
        columns=columns,
        rows=rows,
        anchors=["contracts", *(["contracts-value", "withheld"] if with_values else []), "events"],
        note=pgettext(
            "public table",
            "The current year is incomplete; a dash marks a year with no record at all, or a "
            "year before the first record of its kind here.",
        ),
    )


def contract_kinds_table(overview, *, with_values):
    columns = [
        Column(pgettext("public table", "Type")),
        Column(pgettext("public table", "Contracts"), numeric=True),
    ]
    if with_values:
        columns.append(value_column())
    rows = []
    for row in overview["contract_kinds"]:
        cells = [Cell(row["label"]), count_cell(row["contracts"])]
        if with_values:
            cells.append(value_cell(row["value"], row["contracts"]))
        rows.append(cells)
    return Table(
        key="contract-kinds",
        title=pgettext("public table", "Technology contracts by type"),
        columns=columns,
        rows=rows,
        anchors=["contracts", *(["contracts-value", "withheld"] if with_values else [])],
    )


def event_kinds_table(overview):
    return Table(
        key="event-kinds",
        title=pgettext("public table", "Exchange events held, by type"),
        columns=[
            Column(pgettext("public table", "Type")),
            Column(pgettext("public table", "Events held"), numeric=True),
        ],
        rows=[[Cell(row["label"]), count_cell(row["events"])] for row in overview["event_kinds"]],
        anchors=["events"],
    )


def agreements_table(overview):
    return Table(
        key="agreements",
        title=pgettext("public table", "Framework agreements"),
        columns=[
            Column(pgettext("public table", "Agreement")),
            Column(pgettext("public table", "Number")),
            Column(pgettext("public table", "Type")),
            Column(pgettext("public table", "Signed with")),
            Column(pgettext("public table", "Signed on")),
            Column(pgettext("public table", "Status")),
            Column(pgettext("public table", "Term")),
        ],
        rows=[
            [
                Cell(row["title"], url=row.get("url", "")),
                Cell(row["number"]),
                Cell(row["kind"]),
                Cell(row["party"] or NONE_TEXT),
                Cell(row["signed_on"].isoformat() if row["signed_on"] else NONE_TEXT),
                Cell(row["status"]),
                Cell(row.get("term") or NONE_TEXT),
            ]
            for row in overview["agreements"]
        ],
        anchors=["agreements"],
        layout="stack",
    )


def _by_name(tables):
    """Keyed by a name templates can read ("contract_kinds" for the "contract-kinds" table)."""
    return {table.key.replace("-", "_"): table for table in tables}


def home_tables(overview):
    return _by_name(
        table
        for table in (
            province_table(overview["provinces"]),
            # Sums by year or type are no published cells (apps.figures.publication).
            years_table(overview, with_values=False),
            contract_kinds_table(overview, with_values=False),
            event_kinds_table(overview),
        )
    )


def region_tables(overview):
    tables = [
        years_table(overview, with_values=False),
        contract_kinds_table(overview, with_values=False),
        event_kinds_table(overview),
        agreements_table(overview),
    ]
    if overview.get("places"):
        tables.insert(0, places_table(overview["places"]))
    return _by_name(tables)
