import re
import uuid

import pytest
from django.conf import settings as django_settings

from tsinghua_coop.celery import app

CONFIRM_LINK = re.compile(r"https?://\S+/subscriptions/confirm/(\S+)/")


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Rate-limit counters live in the (Redis) cache: give each test its own key prefix."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-subscriptions-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches
    settings.PUBLIC_BASE_URL = "https://coop.example.edu.cn"


@pytest.fixture(autouse=True)
def eager_celery():
    """The confirmation e-mail is sent by a task: run it in the test's process."""
    saved = app.conf.task_always_eager
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = True
    yield
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = saved


def confirm_token(message):
    return CONFIRM_LINK.search(message.body).group(1)
