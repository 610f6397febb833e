"""The REST API keeps the same regional rule: an office user reads, exports, counts and writes
their own region's records only; anonymous users read public records."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from apps.agreements.models import Contract

RESOURCES = [
    ("contracts", "agreements.Contract"),
    ("payments", "agreements.Payment"),
    ("organizations", "partners.Organization"),
    ("memberships", "partners.Membership"),
    ("agreements", "agreements.CooperationAgreement"),
    ("funds", "funds.CooperationFund"),
    ("institutes", "institutes.JointInstitute"),
    ("offices", "offices.CooperationOffice"),
    ("projects", "projects.CooperationProject"),
    ("events", "events.ExchangeEvent"),
]


@pytest.fixture
def office_api(office_user):
    client = APIClient()
    client.force_authenticate(office_user)
    return client


def listed_ids(client, resource):
    response = client.get(f"/api/v1/{resource}/", {"page_size": 100})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(("resource", "label"), RESOURCES)
def test_office_user_lists_all_own_records_and_no_other(world, office_api, resource, label):
    assert listed_ids(office_api, resource) == world.own(label)


@pytest.mark.parametrize(("resource", "label"), RESOURCES)
@pytest.mark.parametrize("place", ["near", "far"])
def test_office_user_is_refused_other_region_record_by_api(
    world, office_api, resource, label, place
):
    record = getattr(world, place)[label]
    assert office_api.get(f"/api/v1/{resource}/{record.pk}/").status_code == 404
    assert (
        office_api.patch(f"/api/v1/{resource}/{record.pk}/", {}, format="json").status_code == 404
    )
    assert office_api.delete(f"/api/v1/{resource}/{record.pk}/").status_code == 404
    assert type(record).objects.filter(pk=record.pk).exists()
    own = world.home[label]
    assert office_api.get(f"/api/v1/{resource}/{own.pk}/").status_code == 200


def test_api_export_and_counts_hold_own_region_only(world, office_api):
    response = office_api.get("/api/v1/contracts/", {"format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    numbers = {row["number"] for row in csv.DictReader(io.StringIO(body))}
    assert numbers == {
        world.home["agreements.Contract"].number,
        world.district["agreements.Contract"].number,
    }
    stats = office_api.get("/api/v1/stats/contracts/", {"group_by": "province"})
    assert stats.status_code == 200, stats.content
    rows = stats.json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    assert sum(row["count"] for row in rows) == 2


def test_office_user_cannot_create_a_record_in_another_region(world, office_api):
    far = world.far["agreements.Contract"]
    own = world.home["agreements.Contract"]
    payload = {
        "number": "API-FAR",
        "title_zh": "外地合同",
        "kind": "development",
        "status": "signed",
        "department": own.department.code,
        "principal_investigator": "赵教授",
        "organization": far.organization_id,
        "province": far.province.code,
        "city": far.city.code,
        "signed_on": "2024-03-01",
        "amount": "800000.00",
    }
    refused = office_api.post("/api/v1/contracts/", payload, format="json")
    assert refused.status_code in (400, 403), refused.content
    assert not Contract.objects.filter(number="API-FAR").exists()
    payload.update(
        number="API-OWN",
        organization=own.organization_id,
        province=own.province.code,
        city=own.city.code,
    )
    created = office_api.post("/api/v1/contracts/", payload, format="json")
    assert created.status_code == 201, created.content
    assert Contract.objects.get(number="API-OWN").city == own.city


def test_anonymous_reads_public_records_only(world):
    anonymous = APIClient()
    assert listed_ids(anonymous, "contracts") == {world.far["agreements.Contract"].pk}
    hidden = world.home["agreements.Contract"]
    assert anonymous.get(f"/api/v1/contracts/{hidden.pk}/").status_code == 404


def test_hq_staff_read_every_region(world, hq_user):
    client = APIClient()
    client.force_authenticate(hq_user)
    everything = set(Contract.objects.values_list("pk", flat=True))
    assert listed_ids(client, "contracts") == everything


def test_office_api_cannot_link_other_region_organization(world, office_api):
    own = world.home["agreements.Contract"]
    elsewhere = world.far["partners.Organization"]
    payload = {
        "number": "API-LINK",
        "title_zh": "本地合同",
        "kind": "development",
        "status": "signed",
        "department": own.department.code,
        "principal_investigator": "钱教授",
        "organization": elsewhere.pk,
        "province": own.province.code,
        "city": own.city.code,
        "signed_on": "2024-03-01",
        "amount": "500000.00",
    }

    refused = office_api.post(
        "/api/v1/contracts/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert refused.status_code == 400, refused.content
    assert refused.json() == {"organization": ["No such record in your region."]}
    assert not Contract.objects.filter(number="API-LINK").exists()

    update = office_api.patch(
        f"/api/v1/contracts/{own.pk}/",
        {"organization": elsewhere.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert update.status_code == 400, update.content
    assert update.json() == {"organization": ["您所在地区没有这条记录。"]}
    own.refresh_from_db()
    assert own.organization_id != elsewhere.pk
