"""A partner signs in with the link from its e-mail and sees its requests and their stages,
on a phone (360 px) and a desktop (1280 px), in Chinese and English."""

import pytest
from django.core import mail

from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.partners.models import PartnerContact
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory
from apps.requests.tests.factories import TechRequestFactory
from conftest import SCREENSHOT_DIR

from .conftest import LINK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partner(db):
    organization = OrganizationFactory(
        name_zh="宁夏绿源农业科技有限公司", name_en="Ningxia Lvyuan Agritech Co., Ltd."
    )
    PartnerContact.objects.create(
        organization=organization, email="ma@lvyuan.example", confirmed=True
    )
    MembershipFactory(organization=organization)
    TechRequestFactory(
        email="ma@lvyuan.example",
        title="盐碱地土壤改良",
        organization_name=organization.name_zh,
        status="under_review",
    )
    TechRequestFactory(
        email="ma@lvyuan.example",
        title="滴灌设备节水优化",
        organization_name=organization.name_zh,
    )
    other = OrganizationFactory(name_zh="别家企业有限公司")
    PartnerContact.objects.create(organization=other, email="x@other.example", confirmed=True)
    TechRequestFactory(email="x@other.example", title="别家的需求")
    return organization


@pytest.mark.parametrize(
    ("language", "width"), [("zh-hans", 360), ("zh-hans", 1280), ("en", 360), ("en", 1280)]
)
def test_partner_signs_in_by_email_link_and_sees_its_requests(
    live_server, browser, partner, eager_celery, language, width
):
    prefix = "" if language == "zh-hans" else "/en"
    context = browser.new_context(
        locale="zh-CN" if language == "zh-hans" else "en-US",
        viewport={"width": width, "height": 800},
    )
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    name = f"partner-{language}-{width}"
    try:
        page.goto(f"{live_server.url}{prefix}/partner/")
        assert page.url.endswith(f"{prefix}/partner/sign-in/")
        page.fill("#id_email", "ma@lvyuan.example")
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-signin.png"), full_page=True)
        page.click("#signin-form button[type=submit]")
        page.wait_for_selector("#signin-sent")

        message = mail.outbox[-1]
        assert message.to == ["ma@lvyuan.example"]
        link = LINK.search(message.body).group(0)
        path = link[link.index("/", len("https://")) :]
        page.goto(f"{live_server.url}{path}")
        page.click("#signin-confirm button[type=submit]")
        page.wait_for_selector("#partner-title")

        expected = partner.name_zh if language == "zh-hans" else partner.name_en
        assert page.inner_text("#partner-title") == expected
        requests = page.inner_text("#section-requests")
        assert "盐碱地土壤改良" in requests and "滴灌设备节水优化" in requests
        stages = ("审核中", "已提交") if language == "zh-hans" else ("Under review", "Submitted")
        assert all(stage in requests for stage in stages)
        assert "别家的需求" not in page.content()
        # Nothing spills sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-page.png"), full_page=True)

        # A request leads to its tracking page, with its stages.
        page.click("#section-requests a >> nth=0")
        page.wait_for_selector("#current-status")

        # The same link again signs nobody in.
        page.goto(f"{live_server.url}{prefix}/partner/")
        page.click("#signout")
        page.wait_for_selector("#signin-form")
        page.goto(f"{live_server.url}{path}")
        assert page.locator("#signin-confirm").count() == 0
    finally:
        context.close()
