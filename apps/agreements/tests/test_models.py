"""Agreements', contracts' and payments' rules the database enforces."""

import datetime
from decimal import Decimal

import pytest

from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.core.testing.models import rejected

pytestmark = pytest.mark.django_db


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
