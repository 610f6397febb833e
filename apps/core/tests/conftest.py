"""The API world (apps/api/tests/conftest.py) of the milestone test moved from test_access."""

from apps.api.tests.conftest import admin_api, superuser, world  # noqa: F401
