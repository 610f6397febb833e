"""On the demo data: every channel gives the same figure, and the audit finds nothing derivable
(one module, so the demo data are loaded once)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
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


# --- every counted record type in every channel, generated from the registry ----------------

# The public pages name the held events' headline figure so; every other headline figure, and
# every column of the pages' tables of provinces and cities, is the record type's name in the
# summary tables.
PAGE_HEADLINE = {"events": "events_held"}


def counted_record_types():
    """(record type, its stats declaration, its count's name in the API summary) of every
    record type the API summary counts, in the registry."""
    from apps.api.aggregates import SUMMARY

    return [
        (record_type, stats, next(f.name for f in stats.summary if f.measure == "count"))
        for record_type, stats in SUMMARY
    ]


def test_every_counted_record_type_is_counted_alike_in_every_channel(demo_data, django_user_model):
    """For every record type the summary counts (its app's declarations: stats, figures,
    open data, report), with an event announced and an office closed: the public pages, the
    API summary and stats (anonymous and headquarters, from the summary tables and from the
    records), the open data, the dossier and the annual report give the counts its
    ``counted`` rule gives, recounted here from the records."""
    from apps.core.report import IN_YEAR, ReportPeriod
    from apps.dossiers.selectors import dossier_data
    from apps.events.models import ExchangeEvent
    from apps.offices.models import CooperationOffice
    from apps.opendata.datasets import FIGURES
    from apps.public.tests.sample import clear_caches

    today = timezone.localdate()
    office = CooperationOffice.objects.published().filter(closed_on__isnull=True).first()
    office.closed_on = today
    office.save()
    held = ExchangeEvent.objects.published().filter(city=office.city, start_on__lt=today).first()
    later = today + datetime.timedelta(days=1)
    ExchangeEvent.objects.filter(pk=held.pk).update(start_on=later, end_on=later)
    clear_caches()
    province, city = office.province, office.city
    regions = [{}, {"province": province}, {"city": city}]

    anonymous = APIClient()
    staff = APIClient()
    staff.force_authenticate(
        django_user_model.objects.create_superuser(username="count-all", password=None)
    )

    def expected(record_type, place, *, every=False):
        records = record_type.model.objects.all()
        if not every:
            records = records.published()
        records = records.filter(record_type.counted_q(today))
        return (records.in_region(place) if place is not None else records).count()

    def stats_rows(client, stats, group_by, **params):
        response = client.get(f"/api/v1/stats/{stats.name}/", {"group_by": group_by, **params})
        assert response.status_code == 200, response.content
        return {row["key"]: row["count"] for row in response.json()}

    pages = {
        "": selectors.home_overview(),
        "province": selectors.province_overview(province),
        "city": selectors.city_overview(city),
    }
    summaries = {
        (who, key): client.get(
            "/api/v1/stats/summary/", {k: v.code for k, v in region.items()}
        ).json()
        for who, client in (("anonymous", anonymous), ("staff", staff))
        for region in regions
        for key in [next(iter(region), "")]
    }
    figure_rows = list(FIGURES.rows())
    columns = [field.name for field in FIGURES.fields]
    mismatches = []

    def check(what, shown, wanted):
        if shown != wanted:
            mismatches.append(f"{what}: {shown} != {wanted}")

    types = counted_record_types()
    assert {record_type.label for record_type, *_rest in types} >= {
        "events.exchangeevent",
        "offices.cooperationoffice",
        "agreements.contract",
    }
    for record_type, stats, name in types:
        label = record_type.label
        for region in regions:
            key = next(iter(region), "")
            place = region.get(key)
            wanted = expected(record_type, place)
            every = expected(record_type, place, every=True)
            # The API summary.
            check(f"{label} summary {key}", summaries["anonymous", key][name], wanted)
            check(f"{label} staff summary {key}", summaries["staff", key][name], every)
            # The public pages' headline figures.
            headline = pages[key]["figures"].get(PAGE_HEADLINE.get(stats.source, stats.source))
            if stats.source and headline is not None:
                check(f"{label} page {key}", headline, wanted)
            # The dossier reads the pages' figures.
            if place is not None:
                dossier = dossier_data(place)
                check(
                    f"{label} dossier {key}", dossier["overview"]["figures"], pages[key]["figures"]
                )
            # The annual report of this year.
            section = record_type.hook("report")
            if section is not None:
                report = section.collect(
                    ReportPeriod(
                        datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31), place
                    )
                )
                count = report.headline[0][1]
                if section.counts == IN_YEAR:
                    in_year = stats_rows(
                        anonymous, stats, "year", **{k: v.code for k, v in region.items()}
                    )
                    check(f"{label} report {key}", count, in_year.get(str(today.year), 0))
                else:
                    check(f"{label} report {key}", count, wanted)
            # The API stats, from the records (a filter) and, nationally, from the tables.
            if "year" in stats.dimensions:
                for who, client, total in (("", anonymous, wanted), ("staff ", staff, every)):
                    filtered = {k: v.code for k, v in region.items()}
                    shown = sum(stats_rows(client, stats, "year", **filtered).values())
                    check(f"{label} {who}stats by year {key}", shown, total)
        # The API stats by province and by city, from the summary tables (anonymous) and from
        # the records (headquarters).
        for who, client, every in (("", anonymous, False), ("staff ", staff, True)):
            by_province = stats_rows(client, stats, "province")
            by_city = stats_rows(client, stats, "city")
            check(
                f"{label} {who}stats by province",
                by_province.get(province.code, 0),
                expected(record_type, province, every=every),
            )
            check(
                f"{label} {who}stats by city",
                by_city.get(city.code, 0),
                expected(record_type, city, every=every),
            )
        # The pages' tables of provinces and of cities.
        province_row = next(r for r in pages[""]["provinces"] if r["code"] == province.code)
        city_row = next(r for r in pages["province"]["places"] if r["code"] == city.code)
        if stats.source in province_row:
            check(
                f"{label} home table", province_row[stats.source], expected(record_type, province)
            )
        if stats.source in city_row:
            check(f"{label} province table", city_row[stats.source], expected(record_type, city))
        # The open data's regional figures: in all, and by province for a record type that
        # lies in one place.
        declaration = record_type.hook("open_data_figure")
        if declaration is not None:
            column = columns.index(declaration["column"])
            check(
                f"{label} open data",
                sum(row[column] for row in figure_rows),
                expected(record_type, None),
            )
            if len(record_type.regions) == 1 and not record_type.regions[0].via:
                check(
                    f"{label} open data {province.code}",
                    sum(row[column] for row in figure_rows if row[1] == province.code),
                    expected(record_type, province),
                )
    # The staff dossier's confidential contract count is the staff summary's.
    for key, place in (("province", province), ("city", city)):
        check(
            f"staff dossier {key}",
            dossier_data(place, staff=True)["confidential"]["contracts"],
            summaries["staff", key]["contracts"],
        )
        years = {row["year"]: row["events"] for row in pages[key]["years"]}
        for row in dossier_data(place)["event_years"]:
            check(f"dossier events {row['year']} {key}", row["events"], years.get(row["year"], 0))
    assert not mismatches, "\n".join(mismatches)
