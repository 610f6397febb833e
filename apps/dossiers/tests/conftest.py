from apps.operations.tests.celery_worker import (  # noqa: F401 — shared fixtures
    celery_worker_on_redis,
    run_on_worker,
)
from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401
