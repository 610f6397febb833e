import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.events.tests.factories import ExchangeEventFactory
from apps.funds.tests.factories import CooperationFundFactory, FundGrantFactory
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory
from apps.projects.tests.factories import ProjectSiteFactory
from apps.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


def rejected(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_contract_amount_cannot_be_negative():
    rejected(ContractFactory, amount=Decimal("-1"))


def test_contract_number_is_unique():
    ContractFactory(number="CT-1")
    rejected(ContractFactory, number="CT-1")


def test_contract_cannot_end_before_it_starts():
    rejected(ContractFactory, start_on=datetime.date(2020, 5, 1), end_on=datetime.date(2020, 4, 30))


def test_payment_must_be_positive_and_unique_per_instalment():
    payment = PaymentFactory()
    rejected(PaymentFactory, contract=payment.contract, instalment=payment.instalment)
    rejected(PaymentFactory, amount=Decimal("0"))


def test_payment_needs_a_due_or_received_date():
    rejected(PaymentFactory, received_on=None, due_on=None)


def test_agreement_needs_a_province_or_partner():
    rejected(CooperationAgreementFactory, organization=None, province=None, city=None)


def test_fund_size_and_grants_cannot_be_negative():
    rejected(CooperationFundFactory, committed_amount=Decimal("-5"))
    rejected(FundGrantFactory, amount=Decimal("-5"))


def test_membership_cannot_expire_before_joining():
    rejected(
        MembershipFactory,
        joined_on=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2019, 1, 1),
    )


def test_event_end_and_participants_are_checked():
    rejected(
        ExchangeEventFactory, start_on=datetime.date(2020, 5, 2), end_on=datetime.date(2020, 5, 1)
    )
    rejected(ExchangeEventFactory, participants=-1)


def test_office_cannot_close_before_opening():
    rejected(
        CooperationOfficeFactory,
        opened_on=datetime.date(2010, 1, 1),
        closed_on=datetime.date(2009, 1, 1),
    )


def test_organization_names_and_credit_codes_are_unique():
    OrganizationFactory(name_zh="重复公司", credit_code="91320500MA1XXXXX0X")
    rejected(OrganizationFactory, name_zh="重复公司")
    rejected(OrganizationFactory, credit_code="91320500MA1XXXXX0X")
    OrganizationFactory(credit_code="")
    OrganizationFactory(credit_code="")


def test_province_code_must_be_an_administrative_code():
    rejected(ProvinceFactory, code="990000")


def test_project_site_is_unique_per_place():
    site = ProjectSiteFactory()
    rejected(ProjectSiteFactory, project=site.project, city=site.city, province=site.province)
