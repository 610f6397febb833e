"""On the demo data: every channel gives the same figure, and the audit finds nothing derivable
(one module, so the demo data are loaded once)."""

import datetime
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


def counted_figures(dashboard):
    shown = dashboard["figures"]
    return {"events": shown["events_held"], "offices": shown["offices"]}


def summary_figures(client, **region):
    response = client.get("/api/v1/stats/summary/", region)
    assert response.status_code == 200, response.content
    body = response.json()
    return {"events": body["events"], "offices": body["offices"]}


def test_events_and_offices_are_counted_alike_in_every_channel(demo_data, django_user_model):
    """What counts is each record type's ``counted`` declaration: an event once held, an office
    while open. With an event announced and an office closed in one city, the home page, the
    province and city pages, their tables, and the API summary (anonymous and headquarters)
    give the same numbers, recounted here from the records."""
    from django.utils import timezone

    from apps.events.models import ExchangeEvent
    from apps.offices.models import CooperationOffice

    today = timezone.localdate()
    office = CooperationOffice.objects.published().filter(closed_on__isnull=True).first()
    office.closed_on = today
    office.save()
    held = ExchangeEvent.objects.published().filter(city=office.city).first()
    later = today + datetime.timedelta(days=30)
    ExchangeEvent.objects.filter(pk=held.pk).update(start_on=later, end_on=later)
    province, city = office.province, office.city

    def recount(**region):
        place = region.get("city") or region.get("province")
        events = ExchangeEvent.objects.published().filter(start_on__lte=today)
        offices = CooperationOffice.objects.published().filter(closed_on__isnull=True)
        if place is not None:
            events, offices = events.in_region(place), offices.in_region(place)
        return {"events": events.count(), "offices": offices.count()}

    anonymous = APIClient()
    staff = APIClient()
    staff.force_authenticate(
        django_user_model.objects.create_superuser(username="count-hq", password=None)
    )
    for region, dashboard in (
        ({}, selectors.home_overview()),
        ({"province": province}, selectors.province_overview(province)),
        ({"city": city}, selectors.city_overview(city)),
    ):
        expected = recount(**region)
        codes = {key: place.code for key, place in region.items()}
        assert counted_figures(dashboard) == expected, region
        assert summary_figures(anonymous, **codes) == expected, region
        # Headquarters count every record, published or not, by the same rule.
        every = ExchangeEvent.objects.filter(start_on__lte=today)
        open_offices = CooperationOffice.objects.filter(closed_on__isnull=True)
        place = region.get("city") or region.get("province")
        if place is not None:
            every, open_offices = every.in_region(place), open_offices.in_region(place)
        assert summary_figures(staff, **codes) == {
            "events": every.count(),
            "offices": open_offices.count(),
        }, region

    # The home page's table of provinces and the province page's table of cities.
    province_row = next(
        row for row in selectors.home_overview()["provinces"] if row["code"] == province.code
    )
    assert {key: province_row[key] for key in ("events", "offices")} == recount(province=province)
    city_row = next(
        row for row in selectors.province_overview(province)["places"] if row["code"] == city.code
    )
    assert {key: city_row[key] for key in ("events", "offices")} == recount(city=city)
