"""The impact records' figures on the page of two regions: verified public records only, added
up by the year they report on, recounted by independent queries."""

import datetime
import html
import re

import pytest
from django.db.models import Sum

from apps.impact.choices import Verification
from apps.impact.models import ImpactRecord
from apps.impact.tests.factories import ImpactRecordFactory
from apps.public.tests.sample import clear_caches

pytestmark = pytest.mark.django_db


def jobs_cells(page):
    body = re.search(
        r'<tbody data-figure="impact.impactrecord.jobs">(.*?)</tbody>', page, re.S
    ).group(1)
    totals = [int(t.replace(",", "")) for t in re.findall(r'compare-total">([\d,]+)<', body)]
    new = re.findall(r"(\d{4}): ([\d,]+) new, against ([\d,]+) in (\d{4})", body)
    return totals, [(int(a.replace(",", "")), int(b.replace(",", ""))) for _y, a, b, _p in new]


def recount(region, last):
    records = ImpactRecord.objects.filter(is_public=True, status=Verification.VERIFIED)
    records = (
        records.filter(city=region)
        if hasattr(region, "parent")
        else records.filter(province=region)
    )

    def jobs(**where):
        return records.filter(**where).aggregate(total=Sum("jobs"))["total"] or 0

    return jobs(), jobs(report_year=last), jobs(report_year=last - 1)


def record(city, year, jobs, **extra):
    return ImpactRecordFactory(
        city=city, report_year=year, year_end=datetime.date(year, 12, 31), jobs=jobs, **extra
    )


def test_verified_jobs_are_compared_by_the_year_they_report_on(client, sample):
    last = sample.today.year - 1
    record(sample.suzhou, last, 1200)
    record(sample.suzhou, last - 1, 300)
    record(sample.yinchuan, last, 45)
    # Neither a record waiting for its check nor a hidden one counts.
    record(sample.suzhou, last, 100000, status=Verification.SUBMITTED)
    record(sample.suzhou, last, 100000, is_public=False)
    clear_caches()
    page = html.unescape(client.get("/en/compare/?a=320000&b=640000").content.decode())
    totals, new = jobs_cells(page)
    expected = [recount(region, last) for region in (sample.jiangsu, sample.ningxia)]
    assert totals == [e[0] for e in expected] == [1500, 45]
    assert new == [(e[1], e[2]) for e in expected]
    assert "1,200 new, against 300" in page
    assert "verified impact records, by the year they report on" in page
    chinese = client.get("/compare/?a=320000&b=640000").content.decode()
    assert "带动就业" in chinese and "经核实的成效记录" in chinese
    # After a change, the page follows.
    record(sample.suzhou, last, 7)
    clear_caches()
    page = html.unescape(client.get("/en/compare/?a=320500&b=640100").content.decode())
    assert jobs_cells(page)[0] == [1507, 45] == [recount(sample.suzhou, last)[0], 45]
    # Amounts (output value, tax) are never compared.
    assert "impact.impactrecord.output_value" not in page
