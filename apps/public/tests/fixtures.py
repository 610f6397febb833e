"""Fixtures shared by the apps whose tests read the public pages and figures: import them into
a conftest (``from apps.public.tests.fixtures import fresh_cache_and_language, sample``)."""

import pytest
from django.conf import settings
from django.utils import translation

from apps.public.tests.sample import build_sample, clear_caches


@pytest.fixture(autouse=True)
def fresh_cache_and_language():
    """Each test starts with an empty cache and the default language.

    A request under /en/ leaves English active in the thread, and reverse() prefixes the URLs
    it builds with the active language.
    """
    clear_caches()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    clear_caches()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def sample(db):
    return build_sample()
