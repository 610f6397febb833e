"""The public site's sample and fresh caches; the relay's rate-limit counters per test and the
staff's copy address."""

import uuid

import pytest
from django.conf import settings as django_settings

from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Rate-limit counters live in the (Redis) cache: give each test its own key prefix."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-experts-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def staff_addresses(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["coop-staff@example.edu.cn"]
    settings.PUBLIC_BASE_URL = "https://coop.example.edu.cn"


@pytest.fixture(autouse=True)
def eager_relay():
    """The relay task runs in the process that commits (the worker tests of requests cover
    the broker), so an e-mail is in the outbox once the message's transaction commits."""
    from tsinghua_coop.celery import app

    saved = app.conf.task_always_eager
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = True
    yield
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = saved
