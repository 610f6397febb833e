import re
import uuid

import pytest
from django.conf import settings as django_settings
from django.core import mail

from apps.partners.models import PartnerContact
from apps.partners.tests.factories import OrganizationFactory
from tsinghua_coop.celery import app

LINK = re.compile(r"https?://\S+/partner/sign-in/(\S+)/")


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Rate-limit counters live in the (Redis) cache: give each test its own key prefix."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-partner-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches
    settings.PUBLIC_BASE_URL = "https://coop.example.edu.cn"


@pytest.fixture(autouse=True)
def eager_celery():
    """The sign-in link is made by a task: run it in the test's process."""
    saved = app.conf.task_always_eager
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = True
    yield
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = saved


@pytest.fixture
def acme(db):
    organization = OrganizationFactory(name_zh="苏州精密制造有限公司", name_en="Suzhou Precision")
    PartnerContact.objects.create(
        organization=organization, email="li@acme.example", confirmed=True
    )
    return organization


@pytest.fixture
def rival(db):
    organization = OrganizationFactory(name_zh="无锡对手科技有限公司", name_en="Wuxi Rival")
    PartnerContact.objects.create(
        organization=organization, email="wu@rival.example", confirmed=True
    )
    return organization


def link_token(message):
    return LINK.search(message.body).group(1)


def sign_in(client, email):
    """Ask for a link, open it, press the button: the client is then signed in."""
    mail.outbox.clear()
    client.post("/partner/sign-in/", {"email": email, "website": ""})
    token = link_token(mail.outbox[-1])
    client.post(f"/partner/sign-in/{token}/")
    return token
