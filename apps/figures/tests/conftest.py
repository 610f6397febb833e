import pytest
from rest_framework.test import APIClient

from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401


@pytest.fixture
def anonymous():
    return APIClient()
