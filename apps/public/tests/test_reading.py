"""What officials saw on the public site, checked as they read it: sums with the promised two
decimals and never broken from their unit, whole dates, English lists with commas, no "0" for
years before any record, one name for the offices, and the English title whole on a phone."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation

from apps.agreements.models import ScopeArea
from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.core.templatetags.money import money_with_unit
from apps.events.tests.factories import ExchangeEventFactory
from apps.public import selectors
from apps.public.tests.sample import clear_caches

pytestmark = pytest.mark.django_db


def test_sums_keep_their_two_decimals_and_their_unit_on_one_line():
    with translation.override("zh-hans"):
        # No-break space before the unit, word joiner inside it: never "1,188.40 / 万元" or
        # "万 / 元".
        assert str(money_with_unit(11884000)) == (
            '<span class="money">1,188.40\u00a0万\u2060元</span>'
        )
    with translation.override("en"):
        assert str(money_with_unit(60000000)) == (
            '<span class="money">CNY\u00a060.00 million</span>'
        )
    css = Path("static/css/site.css").read_text(encoding="utf-8")
    assert re.search(r"\.money, \.date \{ white-space: nowrap; \}", css)


def test_english_agreement_dates_stay_whole_and_scopes_are_joined_with_commas(sample, client):
    agreement = CooperationAgreementFactory(
        number="AGR-SCOPE",
        organization=None,
        province=sample.jiangsu,
        city=None,
        signed_on=datetime.date(2015, 4, 16),
        end_on=datetime.date(2020, 4, 15),
    )
    for code, zh, en in (("strategy", "发展战略", "Strategy"), ("talent", "人才培养", "Talent")):
        agreement.scope_areas.add(
            ScopeArea.objects.get_or_create(code=code, defaults={"name_zh": zh, "name_en": en})[0]
        )
    english = client.get("/en/agreements/AGR-SCOPE/").content.decode()
    assert '<span class="date">2015-04-16</span>' in english
    assert "Strategy, Talent" in english and "Strategy、Talent" not in english
    chinese = client.get("/agreements/AGR-SCOPE/").content.decode()
    assert "发展战略、人才培养" in chinese


def test_years_before_the_first_event_are_a_dash_not_zero(sample):
    clear_caches()
    today = sample.today
    ExchangeEventFactory(
        city=sample.suzhou, province=sample.jiangsu, start_on=datetime.date(today.year - 1, 3, 1)
    )
    overview = selectors.province_overview(sample.jiangsu)
    first_event = min(row["year"] for row in overview["years"] if row["events"])
    for row in overview["years"]:
        assert row["before_events"] == (row["year"] < first_event)


def test_the_office_is_called_the_same_everywhere(client):
    for po in Path("apps").glob("*/locale/zh_Hans/LC_MESSAGES/django.po"):
        assert "办事处" not in po.read_text(encoding="utf-8"), po
    with translation.override("zh-hans"):
        from django.utils.translation import pgettext

        assert pgettext("dossier", "Cooperation offices") == "合作办公室"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_english_title_and_sums_are_whole_on_a_phone(live_server, browser):
    from apps.public.tests.sample import build_sample

    sample = build_sample()
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/")
        title = page.locator(".site-title")
        # Not cut: the whole title is shown (no ellipsis, nothing hidden).
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        assert title.inner_text().strip() == "University–region cooperation portal"
        page.goto(f"{live_server.url}/regions/{sample.jiangsu.code}/")
        for money in page.locator(".money").all():
            assert money.evaluate("e => e.getClientRects().length") == 1
            box = money.bounding_box()
            assert box["height"] < 40, money.inner_text()
    finally:
        context.close()
