"""What anonymous users, a staff member with a few permissions and a superuser see and may change."""

import pytest
from rest_framework.test import APIClient

from apps.agreements.models import Contract, Payment
from apps.api.urls import router
from apps.events.models import ExchangeEvent

pytestmark = pytest.mark.django_db

RECORDS = [
    "departments",
    "milestones",
    "organizations",
    "memberships",
    "agreements",
    "contracts",
    "funds",
    "institutes",
    "offices",
    "projects",
    "events",
]
# Resources the limited staff user holds no permission on: it gets the public view there.
NO_PERMISSION = [name for name in RECORDS if name not in {"contracts", "agreements", "events"}]
VIEWSETS = {prefix: viewset for prefix, viewset, _basename in router.registry}


def staff_only_fields(resource):
    serializer = VIEWSETS[resource].staff_serializer_class
    return set(serializer.Meta.staff_only_fields)


def listed(client, resource, **params):
    response = client.get(f"/api/v1/{resource}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("resource", RECORDS)
def test_anonymous_lists_public_records_without_staff_fields(anonymous, world, resource):
    rows = listed(anonymous, resource)

    ids = {row["id"] for row in rows}
    assert world.public[resource].pk in ids
    assert world.hidden[resource].pk not in ids
    for row in rows:
        assert not set(row) & staff_only_fields(resource)


@pytest.mark.parametrize("resource", RECORDS)
def test_anonymous_cannot_open_a_hidden_record(anonymous, world, resource):
    response = anonymous.get(f"/api/v1/{resource}/{world.hidden[resource].pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("resource", RECORDS)
def test_anonymous_cannot_write(anonymous, world, resource):
    record = world.public[resource]
    url = f"/api/v1/{resource}/{record.pk}/"

    assert anonymous.post(f"/api/v1/{resource}/", {}, format="json").status_code in (401, 403)
    assert anonymous.patch(url, {"is_public": False}, format="json").status_code in (401, 403)
    assert anonymous.delete(url).status_code in (401, 403)
    assert type(record).objects.filter(pk=record.pk, is_public=True).exists()


@pytest.mark.parametrize("resource", RECORDS)
def test_superuser_sees_hidden_records_and_staff_fields(admin_api, world, resource):
    rows = listed(admin_api, resource)

    ids = {row["id"] for row in rows}
    assert {world.public[resource].pk, world.hidden[resource].pk} <= ids
    public_row = next(row for row in rows if row["id"] == world.public[resource].pk)
    assert staff_only_fields(resource) <= set(public_row)


@pytest.mark.parametrize("resource", RECORDS)
def test_superuser_writes_back_what_it_reads(admin_api, world, resource):
    url = f"/api/v1/{resource}/{world.public[resource].pk}/"
    current = admin_api.get(url).json()

    response = admin_api.put(url, current, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["id"] == current["id"]


@pytest.mark.parametrize("resource", RECORDS)
def test_superuser_empty_create_is_a_400_naming_the_fields(admin_api, world, resource):
    response = admin_api.post(f"/api/v1/{resource}/", {}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert errors
    serializer_fields = set(VIEWSETS[resource].staff_serializer_class().fields)
    assert set(errors) <= serializer_fields | {"non_field_errors"}


@pytest.mark.parametrize("resource", NO_PERMISSION)
def test_staff_without_permission_gets_the_public_view_and_cannot_write(
    limited_api, world, resource
):
    rows = listed(limited_api, resource)

    assert world.hidden[resource].pk not in {row["id"] for row in rows}
    assert not set(rows[0]) & staff_only_fields(resource)
    response = limited_api.post(f"/api/v1/{resource}/", {}, format="json")
    assert response.status_code == 403
    url = f"/api/v1/{resource}/{world.public[resource].pk}/"
    assert limited_api.delete(url).status_code == 403


def test_staff_with_view_permission_sees_contract_amounts_but_cannot_change_them(
    limited_api, world
):
    rows = listed(limited_api, "contracts")

    by_id = {row["id"]: row for row in rows}
    assert world.hidden["contracts"].pk in by_id
    shown = by_id[world.public["contracts"].pk]
    assert shown["amount"] == "1234567.89"
    assert shown["principal_investigator"] == "王教授"
    assert shown["received_amount"] == "1000.00"
    url = f"/api/v1/contracts/{shown['id']}/"
    assert limited_api.patch(url, {"amount": "1.00"}, format="json").status_code == 403
    assert Contract.objects.get(pk=shown["id"]).amount == world.public["contracts"].amount


def test_staff_with_add_permission_creates_an_event_but_cannot_delete_it(limited_api, world):
    city = world.public["events"].city
    response = limited_api.post(
        "/api/v1/events/",
        {
            "code": "api-fair-2024",
            "title_zh": "技术成果对接会",
            "kind": "fair",
            "start_on": "2024-05-10",
            "end_on": "2024-05-11",
            "province": city.province.code,
            "city": city.code,
            "participants": 120,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    created = ExchangeEvent.objects.get(code="api-fair-2024")
    assert created.city == city
    assert limited_api.delete(f"/api/v1/events/{created.pk}/").status_code == 403


def test_payments_are_for_staff_with_the_payment_permission_only(
    anonymous, limited_api, admin_api, world
):
    assert anonymous.get("/api/v1/payments/").status_code == 401
    assert limited_api.get("/api/v1/payments/").status_code == 403
    assert anonymous.get("/api/v1/payments/?format=csv").status_code in (401, 403)

    rows = listed(admin_api, "payments")
    assert [row["amount"] for row in rows] == ["1000.00"]


def test_superuser_records_a_payment(admin_api, world):
    contract = world.public["contracts"]
    response = admin_api.post(
        "/api/v1/payments/",
        {"contract": contract.pk, "instalment": 2, "amount": "5000.00", "due_on": "2026-01-31"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert Payment.objects.filter(contract=contract).count() == 2


def test_payment_without_any_date_is_refused_with_a_message(admin_api, world):
    response = admin_api.post(
        "/api/v1/payments/",
        {"contract": world.public["contracts"].pk, "instalment": 3, "amount": "5.00"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def contract_payload(world, **changes):
    contract = world.public["contracts"]
    payload = {
        "number": "API-0001",
        "title_zh": "技术开发合同",
        "kind": "development",
        "status": "signed",
        "department": contract.department.code,
        "principal_investigator": "赵教授",
        "organization": contract.organization_id,
        "province": contract.province.code,
        "city": contract.city.code,
        "signed_on": "2024-03-01",
        "amount": "800000.00",
    }
    payload.update(changes)
    return payload


def test_superuser_creates_a_contract(admin_api, world):
    response = admin_api.post("/api/v1/contracts/", contract_payload(world), format="json")

    assert response.status_code == 201, response.content
    assert Contract.objects.get(number="API-0001").amount == 800000


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "-1.00"}, "amount"),
        ({"number": "CT-DUPLICATE"}, "number"),
        ({"province": "999999"}, "province"),
        ({"kind": "barter"}, "kind"),
        ({"start_on": "2024-06-01", "end_on": "2024-01-01"}, "non_field_errors"),
        ({"organization": 987654321}, "organization"),
    ],
)
def test_contract_breaking_a_rule_is_a_400_on_the_field(admin_api, world, changes, field):
    world.public["contracts"].__class__.objects.filter(pk=world.hidden["contracts"].pk).update(
        number="CT-DUPLICATE"
    )

    response = admin_api.post(
        "/api/v1/contracts/", contract_payload(world, **changes), format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()


def test_agreement_needs_a_province_or_an_organization(admin_api, world):
    response = admin_api.post(
        "/api/v1/agreements/",
        {
            "number": "AGR-API-1",
            "title_zh": "合作协议",
            "kind": "specific",
            "signed_on": "2024-01-01",
            "scope_areas": ["talent"],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def test_superuser_deletes_an_event_but_not_a_department_still_in_use(admin_api, world):
    event = world.public["events"]
    department = world.public["departments"]

    assert admin_api.delete(f"/api/v1/events/{event.pk}/").status_code == 204
    response = admin_api.delete(f"/api/v1/departments/{department.pk}/")

    assert response.status_code == 409
    assert response.json()["detail"]
    assert not ExchangeEvent.objects.filter(pk=event.pk).exists()


def test_bad_token_is_refused(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/v1/contracts/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_does_not_see_office_contacts(anonymous, admin_api, world):
    office = world.public["offices"]

    public_view = anonymous.get(f"/api/v1/offices/{office.pk}/").json()
    staff_view = admin_api.get(f"/api/v1/offices/{office.pk}/").json()

    assert "contact_phone" not in public_view and "contact_email" not in public_view
    assert staff_view["contact_name"] == "李老师"
    assert public_view["duties"] == ["liaison"]
    assert len(public_view["practice_bases"]) == 1


def test_funds_show_sizes_publicly_and_contributions_to_staff(anonymous, admin_api, world):
    fund = world.public["funds"]

    public_view = anonymous.get(f"/api/v1/funds/{fund.pk}/").json()
    staff_view = admin_api.get(f"/api/v1/funds/{fund.pk}/").json()

    assert public_view["committed_amount"] == "50000000.00"
    assert "grants" not in public_view
    assert staff_view["contributed_amount"] == "10000000.00"
    assert [grant["amount"] for grant in staff_view["grants"]] == ["1000000.00"]


def test_geography_is_read_only(anonymous, admin_api, world):
    province = world.public["contracts"].province

    response = anonymous.get(f"/api/v1/provinces/{province.code}/")
    assert response.status_code == 200
    assert response.json()["name_zh"] == province.name_zh
    assert admin_api.post("/api/v1/provinces/", {}, format="json").status_code == 405
    city = world.public["contracts"].city
    assert anonymous.get(f"/api/v1/cities/{city.code}/").json()["province"] == province.code


def test_names_follow_the_requested_language(anonymous, world):
    contract = world.public["contracts"]

    english = anonymous.get(f"/api/v1/contracts/{contract.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    chinese = anonymous.get(f"/api/v1/contracts/{contract.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.json()["province_name"] == contract.province.name_en
    assert chinese.json()["province_name"] == contract.province.name_zh


def test_milestone_dates_are_validated(admin_api, world):
    response = admin_api.post(
        "/api/v1/milestones/",
        {"happened_on": "not-a-date", "title_zh": "成立"},
        format="json",
    )

    assert response.status_code == 400
    assert "happened_on" in response.json()
