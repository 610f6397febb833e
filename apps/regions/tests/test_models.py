"""Provinces' and cities' rules the database enforces."""

import pytest

from apps.core.testing.models import rejected
from apps.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


def test_province_code_must_be_an_administrative_code():
    rejected(ProvinceFactory, code="990000")
