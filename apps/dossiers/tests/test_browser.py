"""The dossier's HTML version in real headless Chromium, on screen and as printed."""

import pytest

from apps.public.tests.sample import build_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_opens_the_dossier_from_the_province_page(live_server, page, screenshot):
    build_sample()
    page.goto(f"{live_server.url}/en/regions/320000/")
    page.get_by_role("link", name="as a printable page").click()
    page.wait_for_url("**/en/regions/320000/dossier/")
    assert page.locator("h1").inner_text().startswith("Jiangsu")
    assert page.locator(".dossier-map svg path").count() >= 34  # drawn by the server
    assert page.locator("script[src*='charts']").count() == 0
    screenshot("dossier-jiangsu-en")

    page.goto(f"{live_server.url}/cities/320500/dossier/")
    assert "苏州市" in page.locator("h1").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator(".dossier-map circle").count() == 1  # Suzhou marked
    screenshot("dossier-suzhou-zh-print")
