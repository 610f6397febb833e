"""Funds' and grants' rules the database enforces."""

from decimal import Decimal

import pytest

from apps.core.testing.models import rejected
from apps.funds.tests.factories import CooperationFundFactory, FundGrantFactory

pytestmark = pytest.mark.django_db


def test_fund_size_and_grants_cannot_be_negative():
    rejected(CooperationFundFactory, committed_amount=Decimal("-5"))
    rejected(FundGrantFactory, amount=Decimal("-5"))
