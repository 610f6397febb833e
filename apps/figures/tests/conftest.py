import datetime

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from apps.core.demo import demo_load
from apps.public.tests.sample import build_sample, clear_caches
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


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def sample(db):
    return build_sample()


@pytest.fixture
def anonymous():
    return APIClient()
