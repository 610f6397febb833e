"""The API's clients and world (apps/api/tests/conftest.py), for the tests of agreements,
contracts and payments moved from apps/api/tests (test_access.py, test_filters.py)."""

from apps.api.tests.conftest import (  # noqa: F401
    admin_api,
    anonymous,
    limited_api,
    limited_user,
    superuser,
    world,
)
