"""The home page's map of China, drawn by the server as SVG.

Each province is shaded in classes of about as many provinces each (quantiles of the non-zero
values), by contract value or by number of contracts: both shadings are in the page, and the
visitor's choice of measure switches them in CSS alone. The cooperation offices, institutes
and funds are placed on it as their apps declare (``MapMarkers``). Every shape is a link to
its province with its figures as its title, so the map is read by hovering, by keyboard and by
a screen reader, and the page loads no chart code.

The outlines (``node_modules/.portal/china-map.json``) are built by ``npm run build`` from
npm's echarts-map-data with echarts' own decoder and its South China Sea islands inset
(``static/src/china-map.mjs``).
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import pgettext

from apps.core.money import plain_number
from apps.public.formatting import colon, money_in_unit, money_unit, value_state
from apps.public.pages import figure_columns, map_markers

OUTLINES = Path(settings.BASE_DIR) / "node_modules" / ".portal" / "china-map.json"
CLASS_COLORS = ("#efe3f2", "#d4b1dc", "#b27fc0", "#8a4a9c", "#5a0a68")
NO_VALUE_COLOR = "#e6e6e9"
CLASSES_WANTED = 5
MARKER_SIZE = 6  # half the marker's width, in the map's units (a thousandth of its width)
MEASURES = ("value", "contracts")


@lru_cache(maxsize=1)
def outlines():
    """The built outlines, or None where ``npm run build`` has not run (a system check warns)."""
    try:
        return json.loads(OUTLINES.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


@dataclass
class LegendEntry:
    color: str
    text: str


@dataclass
class MapClass:
    low: object
    high: object
    color: str
    upper: object  # values up to this one are in the class

    def holds(self, value):
        return value is not None and value > 0 and value <= self.upper


def quantile_classes(values, wanted=CLASSES_WANTED):
    """Classes holding about as many provinces each, so one large province does not leave all
    the others the same pale tint; each names the smallest and largest value it holds."""
    ordered = sorted(v for v in values if v is not None and v > 0)
    if not ordered:
        return []
    count = min(wanted, len(ordered))
    bounds = [ordered[0]]
    for i in range(1, count + 1):
        bound = ordered[min(len(ordered) - 1, -(-i * len(ordered) // count) - 1)]
        if bound > bounds[-1]:
            bounds.append(bound)
    if len(bounds) == 1:
        bounds.append(bounds[0])
    palette = CLASS_COLORS[len(CLASS_COLORS) - (len(bounds) - 1) :]
    classes = []
    for i in range(len(bounds) - 1):
        members = [
            v
            for v in ordered
            if (v >= bounds[0] if i == 0 else v > bounds[i]) and v <= bounds[i + 1]
        ]
        classes.append(MapClass(members[0], members[-1], palette[i], bounds[i + 1]))
    return classes


def _color(classes, value):
    return next((c.color for c in classes if c.holds(value)), NO_VALUE_COLOR)


def _legend(classes, unit):
    entries = [
        LegendEntry(
            c.color,
            f"{plain_number(c.low)} {unit}"
            if c.low == c.high
            else f"{plain_number(c.low)}–{plain_number(c.high)} {unit}",
        )
        for c in classes
    ]
    entries.append(LegendEntry(NO_VALUE_COLOR, pgettext("public site", "withheld or no contract")))
    return entries


@dataclass
class Region:
    name: str
    d: str
    url: str = ""
    title: str = ""
    fills: dict = field(default_factory=dict)


@dataclass
class Marker:
    url: str
    title: str
    symbol: str
    color: str
    x: float
    y: float

    @property
    def points(self):
        s, x, y = MARKER_SIZE, self.x, self.y
        if self.symbol == "diamond":
            return f"{x},{y - s} {x + s},{y} {x},{y + s} {x - s},{y}"
        return f"{x},{y - s} {x + s},{round(y + s * 0.8, 1)} {x - s},{round(y + s * 0.8, 1)}"


def _tooltip(row):
    c = colon()
    state = value_state(row["value"], row["contracts"])
    if state == "withheld":
        value = pgettext("public site", "withheld (see the note below the figures)")
    elif state == "none":
        value = "— ({})".format(pgettext("public site", "no public contract"))
    else:
        value = f"{plain_number(money_in_unit(row['value']))} {money_unit()}"
    lines = [
        str(row["name"]),
        f"{pgettext('public site', 'Contracts')}{c}{plain_number(row['contracts'])}",
        f"{pgettext('public site', 'Contract value')}{c}{value}",
    ]
    lines += [
        f"{column.chart_label}{c}{plain_number(row[column.source] or 0)}"
        for column in figure_columns()
    ]
    return "\n".join(lines)


def _projector(projection):
    def to_map(lon, lat):
        k, margin = projection["k"], projection["margin"]
        x = (lon - projection["lon0"]) * k + margin
        y = (-lat / projection["aspect"] - projection["y0"]) * k + margin
        return round(x, 1), round(y, 1)

    return to_map


def china_map(overview):
    """The map's context for ``public/includes/china_map.html``, or None without outlines."""
    built = outlines()
    if built is None:
        return None
    rows = {row["code"]: row for row in overview["provinces"]}
    measured = {
        "value": {code: money_in_unit(row["value"]) for code, row in rows.items()},
        "contracts": {code: row["contracts"] for code, row in rows.items()},
    }
    classes = {m: quantile_classes(measured[m].values()) for m in MEASURES}
    regions = []
    for shape in built["shapes"]:
        row = rows.get(shape["id"])
        regions.append(
            Region(
                name=str(row["name"]) if row else shape["name"],
                d=shape["d"],
                url=row["url"] if row else "",
                title=_tooltip(row) if row else "",
                fills={m: _color(classes[m], measured[m].get(shape["id"])) for m in MEASURES},
            )
        )
    to_map = _projector(built["projection"])
    markers = []
    for declared, _url_name in map_markers():
        for record in overview["markers"][declared.key]:
            if not record["coord"]:
                continue
            x, y = to_map(*record["coord"])
            markers.append(
                Marker(
                    url=record["url"],
                    title=f"{record['name']}\n{declared.heading} · {record['place']}",
                    symbol=declared.symbol,
                    color=declared.color,
                    x=x,
                    y=y,
                )
            )
    return {
        "width": built["width"],
        "height": built["height"],
        "regions": regions,
        "markers": markers,
        "marker_kinds": [
            {"heading": declared.heading, "symbol": declared.symbol, "color": declared.color}
            for declared, _url_name in map_markers()
        ],
        "legends": {
            "value": _legend(classes["value"], money_unit()),
            "contracts": _legend(classes["contracts"], pgettext("public site", "contracts")),
        },
    }
