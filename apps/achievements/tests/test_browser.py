"""A partner finds an achievement in real headless Chromium: the list's filters, the record
page with its terms and patents, at phone and desktop widths, in both languages."""

import pytest

from apps.achievements.tests.factories import AchievementFactory, PatentFactory
from apps.core.tests.factories import DepartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("prefix", "industry", "terms", "patents"),
    [
        ("", "农业、土壤与食品", "面议", "专利"),
        ("/en", "Agriculture, soil and food", "Negotiable", "Patents"),
    ],
)
def test_partner_finds_an_achievement_by_industry(
    live_server, page, screenshot, width, prefix, industry, terms, patents
):
    thermal = DepartmentFactory(code="thermal", name_zh="热能工程系", name_en="Thermal Engineering")
    soil = AchievementFactory(
        code="saline-alkali-soil",
        title_zh="脱硫废弃物改良盐碱土壤技术",
        title_en="Saline-alkali soil improvement with desulfurization waste",
        industry="agriculture",
        department=thermal,
        maturity=9,
        offers_transfer=True,
    )
    PatentFactory(achievement=soil, number="CN200510000001.X")
    AchievementFactory(title_zh="熔盐储热系统", title_en="Molten-salt storage", industry="energy")
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}{prefix}/achievements/")
    page.locator("#filter-industry").select_option(label=industry)
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**industry=agriculture**")
    results = page.locator("#results")
    assert results.locator("li").count() == 1
    name = soil.title_en if prefix else soil.title_zh
    results.get_by_role("link", name=name).click()

    page.wait_for_url(f"**/achievements/{soil.code}/")
    assert page.locator("h1").inner_text() == name
    assert terms in page.locator("dl.facts").inner_text()
    assert page.get_by_role("heading", name=patents).is_visible()
    assert "CN200510000001.X" in page.locator("table").inner_text()
    screenshot(f"achievement-found-{'en' if prefix else 'zh'}-{width}")
