"""The public site's hand-made sample (apps/public/tests/sample.py), for the page tests moved
out of apps/public/tests/test_pages.py."""

from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401
