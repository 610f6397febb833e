"""A visitor subscribes on a phone, confirms from the e-mail, and unsubscribes from the
digest's link: screenshots for a person to look at."""

import pytest
from django.core import mail

from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.events.tests.factories import ExchangeEventFactory
from apps.regions.tests.factories import CityFactory, ProvinceFactory
from apps.subscriptions import services
from apps.subscriptions.models import Subscription
from conftest import SCREENSHOT_DIR

from .conftest import CONFIRM_LINK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("zh-hans", 360), ("en", 1280)])
def test_visitor_subscribes_confirms_and_unsubscribes(live_server, browser, language, width):
    jiangsu = ProvinceFactory(code="320000", name_zh="江苏省", name_en="Jiangsu")
    suzhou = CityFactory(province=jiangsu, code="320500", name_zh="苏州市", name_en="Suzhou")
    prefix = "" if language == "zh-hans" else "/en"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    name = f"subscriptions-{language}-{width}"
    try:
        page.goto(f"{live_server.url}{prefix}/subscriptions/")
        page.fill("#id_email", "not an address")
        page.fill("#id_keywords", "新能源, battery")
        page.check("input[name=industries][value=energy]")
        page.check("input[name=provinces][value='320000']")
        page.click("#subscribe-form button[type=submit]")
        page.wait_for_selector("#error-summary")
        assert page.input_value("#id_keywords") == "新能源, battery"
        assert page.is_checked("input[name=provinces][value='320000']")
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-errors.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        page.fill("#id_email", "reader@example.com")
        page.click("#subscribe-form button[type=submit]")
        page.wait_for_selector("#message-title")
        link = CONFIRM_LINK.search(mail.outbox[-1].body).group(0)
        page.goto(live_server.url + link[link.index("/", len("https://")) :])
        page.click("#confirm-form button[type=submit]")
        page.wait_for_selector("#message-title")
        assert Subscription.objects.get().confirmed_at is not None

        ExchangeEventFactory(
            title_zh="苏州新能源对接会", title_en="Suzhou battery fair", city=suzhou
        )
        assert services.digests_send() == 1
        digest = mail.outbox[-1]
        unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
        page.goto(live_server.url + unsubscribe[unsubscribe.index("/", len("https://")) :])
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-unsubscribe.png"), full_page=True)
        page.click("#unsubscribe-form button[type=submit]")
        page.wait_for_selector("#message-title")
        assert not Subscription.objects.exists()
    finally:
        context.close()
