"""The data the page scripts draw (ECharts): plain JSON, every label already translated."""

from django.utils.translation import get_language, pgettext

# A context ("public site") keeps short labels such as "Contracts" from taking other apps' wording.


def _unit():
    if (get_language() or "").startswith("en"):
        return {"divisor": 10**6, "label": pgettext("public site", "CNY million")}
    return {"divisor": 10**4, "label": pgettext("public site", "ten thousand yuan")}


def _in_unit(value, unit):
    return None if value is None else round(value / unit["divisor"], 1)


def _labels():
    return {
        "contracts": pgettext("public site", "Contracts"),
        "value": pgettext("public site", "Contract value"),
        "events": pgettext("public site", "Exchange events"),
        "projects": pgettext("public site", "Projects"),
        "offices": pgettext("public site", "Cooperation offices"),
        "institutes": pgettext("public site", "Joint institutes"),
        "funds": pgettext("public site", "Cooperation funds"),
        "not_published": pgettext("public site", "not published (fewer than 3 contracts)"),
        "none": pgettext("public site", "no public records"),
        "open_page": pgettext("public site", "Select a province to open its page."),
    }


def _year_series(overview, unit):
    years = overview["years"]
    return {
        "years": [row["year"] for row in years],
        "contracts": [row["contracts"] for row in years],
        "value": [_in_unit(row["value"], unit) for row in years],
        "events": [row["events"] for row in years],
    }


def _kinds(overview, unit):
    return {
        "contracts": [
            {
                "label": row["label"],
                "contracts": row["contracts"],
                "value": _in_unit(row["value"], unit),
            }
            for row in overview["contract_kinds"]
        ],
        "events": [
            {"label": row["label"], "events": row["events"]} for row in overview["event_kinds"]
        ],
    }


def home_chart_data(overview):
    unit = _unit()
    return {
        "unit": unit,
        "labels": _labels(),
        "provinces": [
            {
                "code": row["code"],
                "name": row["name"],
                "url": row["url"],
                "contracts": row["contracts"],
                "value": _in_unit(row["value"], unit),
                "projects": row["projects"],
                "events": row["events"],
                "offices": row["offices"],
                "institutes": row["institutes"],
                "funds": row["funds"],
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
        "trend": _year_series(overview, unit),
        "kinds": _kinds(overview, unit),
    }


def region_chart_data(overview):
    unit = _unit()
    return {
        "unit": unit,
        "labels": _labels(),
        "trend": _year_series(overview, unit),
        "kinds": _kinds(overview, unit),
    }
