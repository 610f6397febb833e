"""The API world (apps/api/tests/conftest.py) and the public sample (apps/public/tests/sample.py)
of the office tests moved from apps/api/tests/test_access.py and apps/public/tests/test_pages.py."""

from apps.api.tests.conftest import admin_api, anonymous, superuser, world  # noqa: F401
from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401
