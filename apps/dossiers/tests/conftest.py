import pytest
from django.conf import settings
from django.utils import translation

from apps.operations.tests.celery_worker import (  # noqa: F401 — shared fixtures
    celery_worker_on_redis,
    run_on_worker,
)
from apps.public.tests.sample import build_sample, clear_caches


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    clear_caches()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    clear_caches()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def sample(db):
    return build_sample()
