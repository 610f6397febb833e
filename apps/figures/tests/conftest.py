import pytest
from rest_framework.test import APIClient

from apps.public.tests.sample import build_sample, clear_caches


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
