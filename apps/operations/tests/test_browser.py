"""A staff member imports a spreadsheet in a real browser: the preview lists each bad row with
its column and reason, nothing is written; the corrected file is previewed and confirmed."""

import datetime

import pytest
from openpyxl import Workbook

from apps.agreements.models import Contract
from apps.core.tests.factories import DepartmentFactory
from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.tests.factories import CityFactory, ProvinceFactory

pytestmark = [pytest.mark.browser, pytest.mark.celery, pytest.mark.django_db(transaction=True)]

HEADER = [
    "合同编号",
    "title_zh",
    "kind",
    "院系",
    "principal investigator",
    "合作单位",
    "省份",
    "城市",
    "签订日期",
    "金额（元）",
]


def write_sheet(path, rows):
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    workbook.save(path)
    return str(path)


def test_import_preview_shows_row_errors_then_the_corrected_file_is_imported(
    live_server, browser, staff_user, tmp_path, screenshot, celery_worker_on_redis
):
    province = ProvinceFactory(name_zh="江南省")
    city = CityFactory(province=province, name_zh="姑苏市")
    DepartmentFactory(code="auto", name_zh="车辆与运载学院")
    partner = OrganizationFactory(province=province, city=city, name_zh="姑苏精密机械有限公司")
    good = [
        "WEB-001",
        "轻量化车身",
        "技术开发",
        "auto",
        "王教授",
        partner.name_zh,
        "江南省",
        "姑苏",
        datetime.date(2024, 3, 1),
        1200000,
    ]
    bad = [
        "WEB-002",
        "电池回收",
        "技术开发",
        "auto",
        "李教授",
        partner.name_zh,
        "火星省",
        "姑苏",
        "2024-03-02",
        -5,
    ]

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    import_url = f"{live_server.url}/admin/agreements/contract/import/"
    page.goto(f"{live_server.url}/admin/login/?next={import_url}")
    page.fill("#id_username", staff_user.username)
    page.fill("#id_password", "a-strong-test-password")
    page.click("input[type=submit]")

    page.set_input_files("#id_import_file", write_sheet(tmp_path / "bad.xlsx", [good, bad]))
    page.click("input[type=submit]")
    # The worker checks the file; the job's page follows it and shows the errors.
    page.wait_for_selector("table.coop-import-errors")
    errors = page.inner_text("table.coop-import-errors")
    assert "3\t省份" in errors  # the spreadsheet's third line, under its own column heading
    assert "火星省" in errors and "省份" in errors
    assert "金额（元）" in errors and "金额不能为负数" in errors
    assert not page.locator("input[name=confirm]").count()
    screenshot("operations-import-errors", page)
    assert not Contract.objects.filter(number__startswith="WEB-").exists()

    bad[6], bad[9] = "江南省", 300000
    page.goto(import_url)
    page.set_input_files("#id_import_file", write_sheet(tmp_path / "good.xlsx", [good, bad]))
    page.click("input[type=submit]")
    page.wait_for_selector("input[name=confirm]")
    assert "WEB-001" in page.inner_text("table.coop-import-preview")
    screenshot("operations-import-preview", page)
    page.click("input[name=confirm]")
    page.wait_for_selector(".coop-import-done")
    assert set(
        Contract.objects.filter(number__startswith="WEB-").values_list("number", flat=True)
    ) == {
        "WEB-001",
        "WEB-002",
    }
    screenshot("operations-import-done", page)
    context.close()
