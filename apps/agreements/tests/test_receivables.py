"""Staff's receivables by age, per office and department (issue 22)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.offices.tests.factories import CooperationOfficeFactory

pytestmark = pytest.mark.django_db


def table(response):
    return response.content.decode()


@pytest.fixture
def receivables(record_places):
    home, far = record_places
    today = timezone.localdate()
    office = CooperationOfficeFactory(province=home.province, city=home, name_zh="苏州办事处")
    contract = ContractFactory(province=home.province, city=home, office=office)
    ages = {"future": -10, "recent": 30, "old": 120, "oldest": 400}
    for instalment, (_name, days) in enumerate(ages.items(), start=1):
        PaymentFactory(
            contract=contract,
            instalment=instalment,
            amount=Decimal(1000 * instalment),
            due_on=today - datetime.timedelta(days=days),
            received_on=None,
        )
    PaymentFactory(contract=contract, instalment=9, amount=Decimal("5.00"))  # received
    far_contract = ContractFactory(province=far.province, city=far)
    PaymentFactory(
        contract=far_contract,
        amount=Decimal("777.00"),
        due_on=today - datetime.timedelta(days=200),
        received_on=None,
    )
    return home, far


def test_staff_see_receivables_by_age_per_office(staff_client, receivables):
    page = table(staff_client.get("/admin/agreements/payment/receivables/"))
    assert "苏州办事处" in page
    # not yet due 1,000 (1); due 2,000 (1); over 90 days 3,000 (1); over 180 days 4,000 (1)
    for cell in ("1000.00 (1)", "2000.00 (1)", "3000.00 (1)", "4000.00 (1)", "10000.00 (4)"):
        assert cell in page
    assert "777.00 (1)" in page  # the other region's contract, with no office


def test_receivables_by_department(staff_client, receivables):
    page = table(staff_client.get("/admin/agreements/payment/receivables/?group=department"))
    assert "10000.00 (4)" in page


def test_office_staff_see_their_own_region_only(client, receivables, office_staff):
    home, _far = receivables
    client.force_login(office_staff(city=home))
    page = table(client.get("/admin/agreements/payment/receivables/"))
    assert "10000.00 (4)" in page
    assert "777.00" not in page


def test_anonymous_cannot_open_receivables(client, receivables):
    response = client.get("/admin/agreements/payment/receivables/")
    assert response.status_code == 302
