"""The data the page scripts draw (ECharts): plain JSON, every label already translated.

Amounts are in the page's one unit (formatting.money_unit), rounded half up like every table;
a value withheld for confidentiality and a region with no contract are told apart.
"""

from django.utils import formats
from django.utils.translation import pgettext

from apps.public.formatting import colon, money_in_unit, money_unit, value_state
from apps.public.pages import figure_columns

# A context ("public site") keeps short labels such as "Contracts" from taking other apps' wording.


def _in_unit(value):
    converted = money_in_unit(value)
    return None if converted is None else float(converted)


def _labels():
    labels = {
        "contracts": pgettext("public site", "Contracts"),
        "value": pgettext("public site", "Contract value"),
        "events": pgettext("public site", "Exchange events held"),
    }
    # Each record type's count in the map's tooltips, as its app declares it (the trend's
    # events keep the label above).
    for column in figure_columns():
        labels.setdefault(column.source, str(column.chart_label))
    labels.update(
        {
            "withheld": pgettext("public site", "withheld (see the note below the figures)"),
            "none": pgettext("public site", "no public contract"),
            "no_value": pgettext("public site", "withheld or no contract"),
            "value_with_unit": pgettext("public site", "Contract value (%(unit)s)")
            % {"unit": money_unit()},
            "colon": colon(),
            "unit_contracts": pgettext("public site", "contracts"),
        }
    )
    return labels


def _year_series(overview):
    years = overview["years"]
    today = overview["today"]
    return {
        "years": [str(row["year"]) for row in years],
        "partial": [bool(row.get("partial")) for row in years],
        "partial_note": pgettext(
            "public site", "* %(year)s up to %(date)s only; years without any record are gaps."
        )
        % {"year": today.year, "date": formats.date_format(today, "MONTH_DAY_FORMAT")},
        "contracts": [None if row.get("empty") else row["contracts"] for row in years],
        "value": [_in_unit(row["value"]) for row in years],
        "events": [
            None if row.get("empty") or row.get("before_events") else row["events"] for row in years
        ],
    }


def _kinds(overview):
    return {
        "contracts": [
            {"label": row["label"], "contracts": row["contracts"], "value": _in_unit(row["value"])}
            for row in overview["contract_kinds"]
        ],
        "events": [
            {"label": row["label"], "events": row["events"]} for row in overview["event_kinds"]
        ],
    }


def home_chart_data(overview):
    return {
        "unit": {"label": money_unit()},
        "labels": _labels(),
        "provinces": [
            {
                "code": row["code"],
                "name": row["name"],
                "url": row["url"],
                "contracts": row["contracts"],
                "value": _in_unit(row["value"]),
                "state": value_state(row["value"], row["contracts"]),
                **{column.source: row[column.source] for column in figure_columns()},
            }
            for row in overview["provinces"]
        ],
        "markers": {
            kind: [
                {"name": m["name"], "place": m["place"], "coord": m["coord"], "url": m["url"]}
                for m in markers
                if m["coord"]
            ]
            for kind, markers in overview["markers"].items()
        },
        "trend": _year_series(overview),
        "kinds": _kinds(overview),
    }


def region_chart_data(overview):
    return {
        "unit": {"label": money_unit()},
        "labels": _labels(),
        "trend": _year_series(overview),
        "kinds": _kinds(overview),
    }
