"""The API's clients and its world of one public and one hidden record of every resource
(apps/api/tests/conftest.py), for the tests of this app's resources moved out of
apps/api/tests/test_access.py."""

from apps.api.tests.conftest import (  # noqa: F401 - fixtures
    admin_api,
    anonymous,
    limited_api,
    limited_user,
    superuser,
    world,
)
