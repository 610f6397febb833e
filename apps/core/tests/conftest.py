import datetime

import pytest
from django.db import transaction

from apps.core.demo import demo_load
from apps.regions.services import geography_load

DEMO_TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Geography and demo data loaded once per module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        geography_load()
        demo_load(today=DEMO_TODAY)
        yield DEMO_TODAY
        transaction.set_rollback(True)
