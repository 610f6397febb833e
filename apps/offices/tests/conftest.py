"""The API's clients and its world of one public and one hidden record of every resource
(apps/api/tests/conftest.py), and the public site's hand-made sample
(apps/public/tests/sample.py), for the tests moved out of apps/api/tests/test_access.py and
apps/public/tests/test_pages.py."""

from apps.api.tests.conftest import (  # noqa: F401 - fixtures
    admin_api,
    anonymous,
    limited_api,
    limited_user,
    superuser,
    world,
)
from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401
