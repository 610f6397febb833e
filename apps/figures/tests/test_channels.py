"""On the demo data: every channel gives the same figure, and the audit finds nothing derivable
(one module, so the demo data are loaded once)."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from apps.figures.models import Level, PublishedSum
from apps.figures.tests.test_audit import run_audit
from apps.operations.reports import collect_figures
from apps.public import selectors
from apps.regions.models import City, Province

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


def money(value):
    return None if value is None else Decimal(str(value)).quantize(CENT)


def rows_by_key(response):
    assert response.status_code == 200, response.content
    return {row["key"]: row for row in response.json()}


def report_contracts(figures):
    return dict(figures.headline)[next(label for label, _value in figures.headline)]


def test_every_channel_gives_the_same_figure_for_every_province_and_city(demo_data):
    anonymous = APIClient()
    year = demo_data.year - 1
    by_province = rows_by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "province"}))
    by_city = rows_by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "city"}))
    places = City.objects.filter(
        pk__in=PublishedSum.objects.filter(level=Level.PLACE).values("city")
    )
    regions = [*Province.objects.filter(code__in=by_province), *places]
    assert len(regions) > 100
    for region in regions:
        is_city = isinstance(region, City)
        key = "city" if is_city else "province"
        dashboard = (
            selectors.city_overview(region) if is_city else selectors.province_overview(region)
        )
        summary = anonymous.get("/api/v1/stats/summary/", {key: region.code}).json()
        stats = (by_city if is_city else by_province)[region.code]
        report = collect_figures(
            year=year, province=None if is_city else region, city=region if is_city else None
        )
        years = rows_by_key(
            anonymous.get("/api/v1/stats/contracts/", {"group_by": "year", key: region.code})
        )
        shown = dashboard["figures"]
        assert shown["contracts"] == summary["contracts"] == stats["count"], region
        value = money(shown["contracts_value"])
        assert value == money(summary["contract_amount"]) == money(stats["total_amount"]), region
        assert summary["contract_amount_withheld"] == stats["suppressed"] == (value is None)
        in_year = next(row["contracts"] for row in dashboard["years"] if row["year"] == year)
        assert report_contracts(report) == in_year == years.get(str(year), {}).get("count", 0)
        if value is not None:
            # The report (staff, exact sums) adds up to the published value over the years.
            assert (
                value == sum((row[2] for row in report.contracts_by_kind), Decimal(0))
                or in_year != shown["contracts"]
            )


def test_audit_on_demo_data(demo_data):
    output = run_audit()
    lines = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    assert int(lines["published cells"]) > 100
    assert int(lines["published contracts"]) > 1000
    assert output.splitlines()[-1] == "no contract amount can be derived"
