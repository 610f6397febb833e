"""The API world (apps/api/tests/conftest.py) of the event test moved from test_access."""

from apps.api.tests.conftest import limited_api, limited_user, world  # noqa: F401
