"""The Chinese admin as staff read it: the schedules' names and columns in Chinese, numbers
grouped by thousands with whole counts, and the index in pinyin order."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypinyin import lazy_pinyin

from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.core.admin_site import reading_order
from apps.outcomes.models import AgreementTarget

pytestmark = pytest.mark.django_db


def test_the_schedules_are_listed_in_chinese_with_a_chinese_schedule_column(staff_client):
    page = staff_client.get(
        reverse("admin:django_celery_beat_periodictask_changelist"),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()
    names = re.findall(r'<th class="field-schedule_label"><a [^>]*>([^<]*)</a>', page)
    assert "向各办公室发送每周摘要" in names and "Weekly digest to each office" not in names
    assert "执行时间" in page and "SCHEDULER" not in page.upper().replace("SCHEDULES", "")
    assert "每星期一 08:00" in page and "每天 08:00" in page
    assert "Task Name" not in page


def test_admin_numbers_are_grouped_and_counts_are_whole(staff_client):
    agreement = CooperationAgreementFactory(number="AGR-NUM")
    for metric, quantity in (("contract_value", 14590000), ("contracts", 5)):
        AgreementTarget.objects.create(
            agreement=agreement,
            metric=metric,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2028, 12, 31),
            quantity=quantity,
        )
    page = staff_client.get(
        reverse("admin:outcomes_agreementtarget_changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    cells = re.findall(r'<span class="coop-number">([^<]*)</span>', page)
    assert "14,590,000.00" in cells and "5" in cells
    assert "14590000" not in page and "5.00" not in cells


def test_the_admin_index_is_in_pinyin_order_in_chinese(staff_client):
    page = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    apps = [app["name"] for app in page.context["app_list"]]
    assert apps == sorted(apps, key=lambda name: lazy_pinyin(str(name)))
    with translation.override("en"):
        assert reading_order("agreements") < reading_order("Events") < reading_order("offices")
    with translation.override("zh-hans"):
        assert reading_order("交流活动") < reading_order("协议与合同")  # J before X


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_lists_keep_every_column_in_view_at_1280_px(live_server, browser, staff_user):
    """The widest lists (targets, agreements, contracts) fit a 1280 px screen: no column
    clipped behind a sideways scroll."""
    from apps.agreements.tests.factories import ContractFactory
    from apps.core.tests.waiting import BROWSER_TIMEOUT_MS

    agreement = CooperationAgreementFactory(
        number="DEMO-AGR-C520300",
        title_zh="清华大学与遵义市产学研合作协议书（示例数据，标题较长）",
    )
    AgreementTarget.objects.create(
        agreement=agreement,
        metric="contracts",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2028, 12, 31),
        quantity=5,
    )
    ContractFactory(organization=agreement.organization)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", staff_user.username)
        page.fill("#id_password", "a-strong-test-password")
        page.click("input[type=submit]")
        for path in (
            "/admin/outcomes/agreementtarget/",
            "/admin/agreements/cooperationagreement/",
            "/admin/agreements/contract/",
        ):
            page.goto(f"{live_server.url}{path}")
            overflow = page.evaluate(
                "() => { const t = document.querySelector('#changelist .results');"
                " return t.scrollWidth - t.clientWidth; }"
            )
            assert overflow <= 1, f"{path}: {overflow}px of columns clipped"
    finally:
        context.close()
