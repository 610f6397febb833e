"""Organizations' and memberships' rules the database enforces."""

import datetime

import pytest

from apps.core.testing.models import rejected
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_membership_cannot_expire_before_joining():
    rejected(
        MembershipFactory,
        joined_on=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2019, 1, 1),
    )


def test_organization_names_and_credit_codes_are_unique():
    OrganizationFactory(name_zh="重复公司", credit_code="91320500MA1XXXXX0X")
    rejected(OrganizationFactory, name_zh="重复公司")
    rejected(OrganizationFactory, credit_code="91320500MA1XXXXX0X")
    OrganizationFactory(credit_code="")
    OrganizationFactory(credit_code="")
