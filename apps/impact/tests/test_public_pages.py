"""The public results pages: verified reports only, through every public channel (list, record
page, region page, search, API, open data), with their source and how much evidence they rest
on, never the evidence itself nor who reported or checked them."""

import pytest

from apps.impact.choices import Source, Verification
from apps.impact.tests.factories import EvidenceFactory, ImpactRecordFactory
from apps.public.tests.fixtures import fresh_cache_and_language  # noqa: F401
from apps.public.tests.sample import clear_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports():
    verified = ImpactRecordFactory(
        code="verified-report", source=Source.OFFICE, jobs=40, source_note="张三 报送"
    )
    EvidenceFactory(record=verified, original_name="盖章证明.pdf")
    city = verified.city
    submitted = ImpactRecordFactory(
        code="submitted-report",
        city=city,
        jobs=9000,
        status=Verification.SUBMITTED,
        verified_on=None,
    )
    rejected = ImpactRecordFactory(
        code="rejected-report", city=city, jobs=7000, status=Verification.REJECTED, verified_on=None
    )
    internal = ImpactRecordFactory(code="internal-report", city=city, jobs=5000, is_public=False)
    return {"verified": verified, "hidden": [submitted, rejected, internal]}


def test_only_verified_public_reports_are_listed_and_shown(client, reports):
    listing = client.get("/results/").content.decode()
    assert "/results/verified-report/" in listing
    for hidden in reports["hidden"]:
        assert hidden.code not in listing
        assert client.get(f"/results/{hidden.code}/").status_code == 404
        assert client.get(f"/en/results/{hidden.code}/").status_code == 404
    # A status filter in the address shows nothing more.
    assert "submitted-report" not in client.get("/results/?status=submitted").content.decode()


def test_a_report_page_gives_source_and_evidence_count_not_the_files(client, reports):
    html = client.get("/en/results/verified-report/").content.decode()
    assert "Collected by the cooperation office" in html
    assert "1 document on file with the department" in html
    assert "盖章证明" not in html and "张三" not in html and "hq" not in html.split("<main")[-1]
    chinese = client.get("/results/verified-report/").content.decode()
    assert "佐证文件 1 份" in chinese and "办事处" not in chinese


def test_the_region_page_totals_verified_reports_only(client, reports):
    province = reports["verified"].province
    html = client.get(f"/en/regions/{province.code}/").content.decode()
    section = html.split('id="results-heading"')[1].split("</section>")[0]
    assert "1 verified report" in section
    assert ">40<" in section
    for hidden in reports["hidden"]:
        assert f"{hidden.jobs:,}" not in section


def test_unverified_reports_reach_no_other_public_channel(client, reports):
    api = client.get("/api/v1/impact/").json()
    assert [row["code"] for row in api["results"]] == ["verified-report"]
    assert "source_note" not in api["results"][0]
    for hidden in reports["hidden"]:
        assert client.get(f"/api/v1/impact/{hidden.pk}/").status_code == 404
    clear_caches()
    for address in ("/search/?q=report", "/data/", "/data/datapackage.json"):
        body = client.get(address).content.decode()
        for hidden in reports["hidden"]:
            assert hidden.code not in body, address
