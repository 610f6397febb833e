import pytest
from django.conf import settings
from django.utils import translation

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


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
