"""The trend and the by-type charts, drawn by the server in HTML and CSS.

A region page's charts are bars: contracts and events by year, and each by its type. They need
no chart library: the server lays them out (heights and widths in per cent of a scale with
round ticks), the page reserves their space before anything loads, and a phone downloads no
chart code for them. Only the home page's map is drawn by a script (``static/src/charts.js``).
Every figure is the same one the table beside the chart shows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import pgettext

from apps.core.money import plain_number
from apps.public.formatting import colon

# Steps of a scale: 1, 2, 2.5 or 5 times a power of ten (whole numbers only: counts).
STEP_FACTORS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
TICKS_WANTED = 4
# Below this many years every year is labelled; above it, every fifth (and the first and last).
ALL_YEARS_LABELLED = 12


def nice_scale(maximum, ticks=TICKS_WANTED):
    """The top of the axis and its step: round numbers, the top at or above ``maximum``."""
    if not maximum or maximum <= 0:
        return 1, 1
    raw = Decimal(maximum) / ticks
    power = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    step = int(next(power * f for f in STEP_FACTORS if power * f >= raw and power * f % 1 == 0))
    top = -(-int(maximum) // step) * step
    return top, step


def _percent(value, top):
    return float(round(Decimal(value) * 100 / Decimal(top), 2)) if value else 0.0


@dataclass
class Tick:
    label: str
    percent: float


@dataclass
class Bar:
    series: str
    value: int | None
    percent: float


@dataclass
class Column:
    label: str
    labelled: bool
    partial: bool
    empty: bool
    title: str
    bars: list = field(default_factory=list)


@dataclass
class Series:
    key: str
    label: str


@dataclass
class TrendChart:
    series: list
    ticks: list
    columns: list
    note: str


def _labelled_years(years):
    """Every year where there are few; else the first, the last and every fifth year, none
    closer than three years to the first or the last (their labels would overlap)."""
    if len(years) <= ALL_YEARS_LABELLED:
        return set(years)
    first, last = years[0], years[-1]
    return {first, last} | {
        year for year in years if year % 5 == 0 and first + 3 <= year <= last - 3
    }


def trend_chart(overview):
    """Contracts and events held by year, the current year marked as not over."""
    years = overview["years"]
    today = overview["today"]
    series = [
        Series("contracts", pgettext("public site", "Contracts")),
        Series("events", pgettext("public site", "Exchange events held")),
    ]
    top, step = nice_scale(max((row[s.key] or 0 for row in years for s in series), default=0))
    labelled = _labelled_years([row["year"] for row in years])
    columns = []
    for row in years:
        year = row["year"]
        label = f"{year}*" if row.get("partial") else str(year)
        # A series not yet recorded that year (events before their first) has no bar, not 0.
        values = {s.key: None if row.get(f"before_{s.key}") else row[s.key] for s in series}
        parts = [
            f"{s.label}{colon()}"
            + ("—" if values[s.key] is None else plain_number(values[s.key] or 0))
            for s in series
        ]
        columns.append(
            Column(
                label=label,
                labelled=year in labelled,
                partial=bool(row.get("partial")),
                empty=bool(row.get("empty")),
                title=f"{label} · " + " · ".join(parts),
                bars=[Bar(s.key, values[s.key], _percent(values[s.key], top)) for s in series],
            )
        )
    return TrendChart(
        series=series,
        ticks=[Tick(plain_number(v), _percent(v, top)) for v in range(0, top + 1, step)],
        columns=columns,
        note=pgettext(
            "public site", "* %(year)s up to %(date)s only; years without any record are gaps."
        )
        % {"year": today.year, "date": formats.date_format(today, "MONTH_DAY_FORMAT")},
    )


@dataclass
class KindRow:
    label: str
    value: int
    shown: str
    percent: float


def kinds_chart(rows, key):
    """One bar per type, widths in per cent of the largest (a type with none keeps its row)."""
    largest = max((row[key] or 0 for row in rows), default=0)
    return [
        KindRow(
            label=str(row["label"]),
            value=row[key] or 0,
            shown=plain_number(row[key] or 0),
            percent=_percent(row[key] or 0, largest or 1),
        )
        for row in rows
    ]


def trend_charts(overview):
    """The context of the trends section (``public/includes/trends.html``)."""
    return {
        "trend_chart": trend_chart(overview),
        "contract_kinds_chart": kinds_chart(overview["contract_kinds"], "contracts"),
        "event_kinds_chart": kinds_chart(overview["event_kinds"], "events"),
    }
