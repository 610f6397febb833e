"""Cooperation offices' rules the database enforces."""

import datetime

import pytest

from apps.core.testing.models import rejected
from apps.offices.tests.factories import CooperationOfficeFactory

pytestmark = pytest.mark.django_db


def test_office_cannot_close_before_opening():
    rejected(
        CooperationOfficeFactory,
        opened_on=datetime.date(2010, 1, 1),
        closed_on=datetime.date(2009, 1, 1),
    )
