"""Exchange events' rules the database enforces."""

import datetime

import pytest

from apps.core.testing.models import rejected
from apps.events.tests.factories import ExchangeEventFactory

pytestmark = pytest.mark.django_db


def test_event_end_and_participants_are_checked():
    rejected(
        ExchangeEventFactory, start_on=datetime.date(2020, 5, 2), end_on=datetime.date(2020, 5, 1)
    )
    rejected(ExchangeEventFactory, participants=-1)
