"""A visitor browses the challenges and opens one, in real headless Chromium, at phone and
desktop widths, in both languages; nothing of the partner appears on the way."""

import pytest

from apps.challenges.tests.factories import ChallengeFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("prefix", "industry", "open_label", "stage", "budget"),
    [
        ("", "汽车与交通", "征集中", "洽谈中", "100万–500万元"),
        ("/en", "Automotive and transport", "Open", "Negotiating", "CNY 1 – 5 million"),
    ],
)
def test_visitor_browses_challenges_and_opens_one(
    live_server, page, screenshot, width, prefix, industry, open_label, stage, budget
):
    tech_request = TechRequestFactory(
        organization_name="苏州隐名汽车零部件有限公司", contact_name="周工", industry="automotive"
    )
    housing = ChallengeFactory(
        code="battery-housing",
        request=tech_request,
        province=tech_request.province,
        city=tech_request.city,
        title_zh="新能源汽车电池包壳体轻量化",
        title_en="Lighter battery housings for new-energy vehicles",
        problem_zh="一家汽车零部件企业希望电池包壳体减重15%以上，并可在现有产线上量产。",
        problem_en="An automotive supplier wants battery housings at least 15 % lighter, made on its existing lines.",
        industry="automotive",
        stage="negotiating",
    )
    ChallengeFactory(
        title_zh="印染废水回用", title_en="Reuse of dyeing wastewater", industry="environment"
    )
    ChallengeFactory(
        title_zh="县域产业规划",
        title_en="County industry plan",
        industry="automotive",
        stage="closed",
    )
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}{prefix}/challenges/")
    assert page.locator("#results li").count() == 3
    page.locator("#filter-industry").select_option(label=industry)
    page.locator("#filter-status").select_option(value="open")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**status=open**")
    results = page.locator("#results")
    assert results.locator("li").count() == 1
    screenshot(f"challenges-list-{'en' if prefix else 'zh'}-{width}")
    name = housing.title_en if prefix else housing.title_zh
    results.get_by_role("link", name=name).click()

    page.wait_for_url(f"**/challenges/{housing.code}/")
    assert page.locator("h1").inner_text() == name
    facts = page.locator("dl.facts").inner_text()
    assert open_label in facts and stage in facts and budget in facts
    assert "2025-06-30" in facts
    body = page.locator("body").inner_text()
    assert (housing.problem_en if prefix else housing.problem_zh) in body
    for secret in ("苏州隐名汽车零部件", "周工", tech_request.email, tech_request.reference):
        assert secret not in page.content()
    screenshot(f"challenge-opened-{'en' if prefix else 'zh'}-{width}")
