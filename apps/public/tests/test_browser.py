"""The public site in real headless Chromium: the flows an official follows, screenshots, axe."""

from pathlib import Path

import pytest
from django.conf import settings

from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.public.tests.sample import build_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def site(live_server):
    # Committed at once (transactional test), so the signals index every record as it is saved.
    return live_server.url, build_sample()


def map_is_drawn(page):
    # Drawn by the server: one path per province at least, plus the South China Sea inset.
    return page.locator(".china-map__svg path").count()


def figure(page, name):
    return page.locator(f"[data-figure='{name}'] .figure__value").inner_text().strip()


def test_official_browses_searches_and_filters(site, page, screenshot):
    url, sample = site
    page.goto(f"{url}/")
    assert page.locator("h1").inner_text() == "清华大学地方合作概况"
    assert figure(page, "contracts") == "5"
    assert figure(page, "provinces") == "2"
    assert figure(page, "institutes") == "1"
    assert map_is_drawn(page) > 34
    assert page.locator(".bars").count() == 1
    screenshot("public-home")

    # The map's provinces are links: Jiangsu on the map opens its page.
    page.locator('.china-map__svg a[href="/regions/320000/"]').click()
    page.wait_for_url("**/regions/320000/")
    assert page.locator("h1").inner_text() == "江苏省"
    assert figure(page, "contracts") == "4"
    assert page.locator(".bars__column").count() >= 1
    screenshot("public-province")

    page.get_by_role("link", name="苏州市").first.click()
    page.wait_for_url("**/cities/320500/")
    assert page.locator("h1").inner_text() == "苏州市"
    page.get_by_role("link", name=sample.oled_project.title_zh).click()
    page.wait_for_url("**/projects/oled/")
    assert page.locator("h1").inner_text() == sample.oled_project.title_zh

    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url("**/en/projects/oled/")
    assert page.locator("h1").inner_text() == sample.oled_project.title_en
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="中文", exact=True).click()
    page.wait_for_url(f"{url}/projects/oled/")
    assert page.locator("h1").inner_text() == sample.oled_project.title_zh
    assert "总览" in page.locator("nav.site-nav").inner_text()

    # Filters narrow a list; search finds Chinese and English words.
    page.goto(f"{url}/projects/")
    assert page.locator("#results > li").count() == 2
    page.select_option("#filter-province", "640000")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/projects/?*province=640000*")
    assert page.locator("#results > li").count() == 1
    assert page.locator("#results").inner_text().startswith(sample.soil_project.title_zh)

    page.fill("#site-search-q", "盐碱土壤")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator("#results li").first
    assert first.get_attribute("data-kind") == "project"
    assert first.locator("h3").inner_text() == sample.soil_project.title_zh
    assert "保密" not in page.locator("#results").inner_text()

    page.goto(f"{url}/en/search/?q=organic+light-emitting")
    first = page.locator("#results li").first
    assert first.locator("h3").inner_text() == sample.oled_project.title_en
    first.locator("a").click()
    page.wait_for_url("**/en/projects/oled/")


def test_a_phone_reader_reaches_the_content_by_keyboard(site, page, browser, screenshot):
    """axe over every page type: test_every_page_type_fits_the_screen_and_passes_axe."""
    url, _sample = site
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812})
    phone = context.new_page()
    try:
        phone.goto(f"{url}/")
        assert map_is_drawn(phone) > 34
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        screenshot("public-home-375", phone)
        # The first Tab reaches the skip link, which moves focus to the main content.
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.className") == "skip-link"
        phone.keyboard.press("Enter")
        assert phone.evaluate("location.hash") == "#main"
    finally:
        context.close()


# One page of every public type, in Chinese, and a few in English.
PAGE_TYPES = {
    "home": "/",
    "regions": "/regions/",
    "province": "/regions/320000/",
    "province-empty": "/regions/110000/",
    "city": "/cities/320500/",
    "projects": "/projects/",
    "project": "/projects/oled/",
    "institutes": "/institutes/",
    "institute": "/institutes/suzhou-auto/",
    "funds": "/funds/",
    "fund": "/funds/jiangsu-fund/",
    "offices": "/offices/",
    "office": "/offices/suzhou-office/",
    "events": "/events/",
    "event": "/events/fair-this-year/",
    "organization": None,  # the soil project's partner, found at run time
    "search": "/search/?q=清华",
    "definitions": "/definitions/",
    "request-form": "/requests/",
    "home-en": "/en/",
    "city-en": "/en/cities/320500/",
    "search-en": "/en/search/?q=Suzhou",
    "compare": "/compare/?a=320000&b=320500",
    "compare-en": "/en/compare/?a=320000&b=640000",
    "compare-wrong": "/compare/?a=320000&b=999999",
}


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_fits_the_screen_and_passes_axe(site, browser, screenshot, width):
    """No page scrolls sideways at 360 or 1280 px; axe finds nothing serious or critical."""
    url, sample = site
    pages = dict(PAGE_TYPES)
    pages["organization"] = f"/organizations/{sample.soil_project.partners.get().pk}/"
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    problems = []
    axe_source = AXE.read_text(encoding="utf-8")
    try:
        for name, path in pages.items():
            page.goto(f"{url}{path}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            inner_width = page.evaluate("window.innerWidth")
            if scroll_width > inner_width:
                problems.append(f"{path}: {scroll_width}px wide at {inner_width}px")
            screenshot(f"{name}-{width}", page)
            # Evaluated through the DevTools protocol: the site's CSP (rightly) refuses an inline
            # script tag, and stays in force for the page's own scripts.
            page.evaluate(axe_source)
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            problems += [
                f"{path}: axe {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
    finally:
        context.close()
    assert problems == []
