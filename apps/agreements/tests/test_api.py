"""Agreements, contracts and payments through the API, on the shared bases
(apps.core.testing.api)."""

from decimal import Decimal

from apps.agreements.models import Contract, CooperationAgreement, Payment
from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory
from apps.partners.tests.factories import OrganizationFactory


def organization_in(city):
    return OrganizationFactory(city=city, province=city.province)


class TestAgreementAPI(api.APIViewTestCases):
    model = CooperationAgreement
    factory = CooperationAgreementFactory
    basename = "agreement"
    update_data = {"title_zh": "全面合作协议（修订）", "end_on": "2030-12-31"}

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
