"""The API world (apps/api/tests/conftest.py) of the geography test moved from test_access."""

from apps.api.tests.conftest import admin_api, anonymous, superuser, world  # noqa: F401
