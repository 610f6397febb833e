"""A partner signs in with the link from its e-mail, sees the proposal its challenge received,
and follows the stages: a stage change e-mails it (in its language) and shows on its page; at
360 and 1280 px, in Chinese and English."""

import re
import uuid

import pytest
from django.conf import settings as django_settings
from django.core import mail

from apps.challenges import services
from apps.challenges.tests.factories import ChallengeFactory, ProposalFactory
from apps.core.tests.factories import DepartmentFactory
from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.partners.models import PartnerContact
from apps.partners.tests.factories import OrganizationFactory
from apps.requests.tests.factories import TechRequestFactory
from conftest import SCREENSHOT_DIR
from tsinghua_coop.celery import app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGN_IN_LINK = re.compile(r"https?://\S+/partner/sign-in/\S+/")


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Rate-limit counters live in the (Redis) cache: each test its own key prefix."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-follow-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches
    settings.PUBLIC_BASE_URL = "https://coop.example.edu.cn"


@pytest.fixture(autouse=True)
def eager_celery():
    """The sign-in link and the stage e-mails are made by tasks: run them in this process."""
    saved = app.conf.task_always_eager
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = True
    yield
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = saved


@pytest.fixture
def challenge(db):
    organization = OrganizationFactory(
        name_zh="苏州储能科技有限公司", name_en="Suzhou Energy Storage Tech Co., Ltd."
    )
    PartnerContact.objects.create(
        organization=organization, email="wang@storage.example", confirmed=True
    )
    request = TechRequestFactory(
        email="wang@storage.example",
        organization_name=organization.name_zh,
        title="储能电站电池热管理",
    )
    challenge = ChallengeFactory(
        request=request,
        province=request.province,
        city=request.city,
        title_zh="储能电站电池热失控预警",
        title_en="Early warning of thermal runaway in storage batteries",
        stage="introduced",
    )
    ProposalFactory(
        challenge=challenge,
        department=DepartmentFactory(name_zh="热能工程系", name_en="Department of Energy"),
    )
    return challenge


@pytest.mark.parametrize(
    ("language", "width"), [("zh-hans", 360), ("zh-hans", 1280), ("en", 360), ("en", 1280)]
)
def test_partner_sees_the_proposal_and_follows_the_stages(
    live_server, browser, challenge, django_user_model, language, width
):
    challenge.request.language = language
    challenge.request.save(update_fields=["language"])
    prefix = "" if language == "zh-hans" else "/en"
    zh = language == "zh-hans"
    staff = django_user_model.objects.create_superuser(username="follow-staff", password=None)
    context = browser.new_context(
        locale="zh-CN" if zh else "en-US", viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    name = f"challenge-partner-{language}-{width}"
    try:
        page.goto(f"{live_server.url}{prefix}/partner/sign-in/")
        page.fill("#id_email", "wang@storage.example")
        page.click("#signin-form button[type=submit]")
        page.wait_for_selector("#signin-sent")
        link = SIGN_IN_LINK.search(mail.outbox[-1].body).group(0)
        page.goto(live_server.url + link[link.index("/", len("https://")) :])
        page.click("#signin-confirm button[type=submit]")
        page.wait_for_selector("#partner-title")

        section = page.inner_text("#section-challenges")
        assert (challenge.title_zh if zh else challenge.title_en) in section
        assert ("来自热能工程系的方案" if zh else "Proposal from Department of Energy") in section
        assert ("已引荐" if zh else "Introduced") in section
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-proposal.png"), full_page=True)

        # Staff move the challenge on: the partner is told by e-mail and its page follows.
        sent = len(mail.outbox)
        services.challenge_move(user=staff, challenge=challenge, to_stage="negotiating")
        told = mail.outbox[sent:]
        assert [m.to for m in told] == [["wang@storage.example"]]
        assert ("洽谈中" if zh else "Negotiating") in told[0].subject
        page.reload()
        assert ("洽谈中" if zh else "Negotiating") in page.inner_text("#section-challenges")
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-stage.png"), full_page=True)
    finally:
        context.close()
