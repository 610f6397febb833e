"""The public site's hand-made sample and a fresh cache and language for the page tests."""

from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401
