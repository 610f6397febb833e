import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from apps.public.tests.sample import build_sample


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts with an empty cache and the default language.

    A request under /en/ leaves English active in the thread, and reverse() prefixes the URLs
    it builds with the active language.
    """
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def sample(db):
    return build_sample()
