"""Agreements, contracts and payments through the API, on the shared bases
(apps.core.testing.api)."""

from decimal import Decimal

import pytest

from apps.agreements.models import Contract, CooperationAgreement, Payment
from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def organization_in(city):
    return OrganizationFactory(city=city, province=city.province)


class TestAgreementAPI(api.APIViewTestCases):
    model = CooperationAgreement
    factory = CooperationAgreementFactory
    basename = "agreement"
    update_data = {"title_zh": "全面合作协议（修订）", "end_on": "2030-12-31", "open_term": False}

    def make(self, city, **fields):
        fields.setdefault("organization", organization_in(city))
        return super().make(city, **fields)

    def create_data(self, city):
        return {
            "number": f"AGR-API-{city.code}",
            "title_zh": "校地全面合作协议",
            "kind": "comprehensive",
            "province": city.province.code,
            "city": city.code,
            "organization": organization_in(city).pk,
            "signed_on": "2024-01-01",
            "end_on": "2028-12-31",
        }


class TestContractAPI(api.APIViewTestCases):
    model = Contract
    factory = ContractFactory
    basename = "contract"
    private_values = {"amount": Decimal("1234567.89"), "principal_investigator": "王教授"}
    staff_only = ("received_amount",)
    update_data = {"title_zh": "技术开发合同（补充）", "amount": "900000.00"}

    def make(self, city, **fields):
        fields.setdefault("organization", organization_in(city))
        return super().make(city, **fields)

    def create_data(self, city):
        return {
            "number": f"API-{city.code}",
            "title_zh": "技术开发合同",
            "kind": "development",
            "status": "signed",
            "department": DepartmentFactory().code,
            "principal_investigator": "赵教授",
            "organization": organization_in(city).pk,
            "province": city.province.code,
            "city": city.code,
            "signed_on": "2024-03-01",
            "amount": "800000.00",
        }


class TestPaymentAPI(api.APIViewTestCases):
    """Payments are never public: anonymous users are refused every answer."""

    model = Payment
    factory = PaymentFactory
    basename = "payment"
    update_data = {"amount": "2000.00", "note": "第二期"}

    def contract_in(self, city):
        return ContractFactory(
            organization=organization_in(city), province=city.province, city=city
        )

    def make(self, city, **fields):
        fields.setdefault("contract", self.contract_in(city))
        return self.factory(**fields)

    def create_data(self, city):
        return {
            "contract": self.contract_in(city).pk,
            "instalment": 2,
            "amount": "5000.00",
            "due_on": "2026-01-31",
        }


# --- What this app's resources add, moved from apps/api/tests/test_access.py (its world: one
# public and one hidden record of every resource, apps/api/tests/conftest.py).


def listed(client, resource, **params):
    response = client.get(f"/api/v1/{resource}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


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
            "end_on": "2028-12-31",
            "scope_areas": ["talent"],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["non_field_errors"]
