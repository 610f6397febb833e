"""The partner's and the staff's path through real headless Chromium.

Celery runs eagerly here (inside the live server), so each email is sent when the request that
caused it commits; the worker tests cover the broker.
"""

import re

import pytest
from django.core import mail

from apps.agreements.tests.factories import ContractFactory
from apps.core.tests.factories import DepartmentFactory
from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.matching.index import rebuild as rebuild_match_index
from apps.projects.tests.factories import CooperationProjectFactory
from apps.requests.models import TechRequest
from apps.search.services import rebuild_index
from tsinghua_coop.celery import app

from .conftest import executable_bytes, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def eager_celery():
    saved = app.conf.task_always_eager
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = True
    yield
    for key in ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER"):
        app.conf[key] = saved


@pytest.fixture
def files(tmp_path):
    fake = tmp_path / "报价单.pdf"
    fake.write_bytes(executable_bytes())
    real = tmp_path / "需求说明.pdf"
    real.write_bytes(pdf_bytes(5000))
    return fake, real


@pytest.fixture
def thermal_engineering():
    department = DepartmentFactory(
        name_zh="热能工程系",
        name_en="Department of Thermal Engineering",
        keywords_zh="热能、储能、盐碱地改良、脱硫石膏",
    )
    CooperationProjectFactory(
        title_zh="燃煤脱硫废弃物改良盐碱地",
        title_en="Improving alkaline soil with desulfurization waste",
        technology_zh="盐碱地改良",
        department=department,
    )
    rebuild_index()
    rebuild_match_index()
    return department


def fill_form(page, province, city):
    page.fill("#id_organization_name", "宁夏某农业科技有限公司")
    page.select_option("#id_organization_kind", "private")
    page.fill("#id_contact_name", "马经理")
    page.fill("#id_email", "ma@example.com")
    page.fill("#id_phone", "call me maybe")
    page.select_option("#id_province", province.code)
    page.wait_for_selector(f"#id_city option[value='{city.code}']", state="attached")
    page.select_option("#id_city", city.code)
    page.select_option("#id_industry", "agriculture")
    page.fill("#id_title", "盐碱地土壤改良")
    page.fill(
        "#id_description",
        "公司在银川周边有三千亩盐碱地，希望引进燃煤脱硫废弃物改良盐碱土的技术并开展示范。",
    )
    page.check("input[name=cooperation_kind][value=transfer]")
    page.select_option("#id_budget_range", "1m_5m")
    page.select_option("#id_timeline", "1y")
    page.check("#id_consent_to_contact")


def staff_save(page, **choices):
    if "status" in choices:
        page.select_option("#id_new_status", choices["status"])
    if "message" in choices:
        page.fill("#id_message_to_partner", choices["message"])
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator(".errorlist").all_inner_texts()


def test_partner_submits_and_follows_while_staff_triage_in_the_admin(
    live_server,
    browser,
    page,
    screenshot,
    files,
    province,
    city,
    staff_user,
    thermal_engineering,
    eager_celery,
):
    fake_pdf, real_pdf = files

    # The partner makes a mistake: a phone number without digits and an executable as a PDF.
    page.goto(f"{live_server.url}/requests/")
    fill_form(page, province, city)
    page.set_input_files("#id_attachments", str(fake_pdf))
    page.click("#submit-request")
    page.wait_for_selector("#error-summary")

    phone_error = page.locator("#field-phone .field-errors")
    assert "请输入7到20位数字的电话号码" in phone_error.inner_text()
    assert (
        "“报价单.pdf”不是PDF、Office文档或图片"
        in page.locator("#field-attachments .field-errors").inner_text()
    )
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert page.input_value("#id_organization_name") == "宁夏某农业科技有限公司"
    assert page.input_value("#id_city") == city.code
    assert page.is_checked("input[name=cooperation_kind][value=transfer]")
    assert "请重新添加附件" in page.locator("#error-summary").inner_text()
    screenshot("requests-form-with-errors")

    # Corrected and with a real PDF attached, the request goes in.
    page.fill("#id_phone", "0951-1234567")
    page.set_input_files("#id_attachments", str(real_pdf))
    page.click("#submit-request")
    page.wait_for_selector("#tracking-link")
    tech_request = TechRequest.objects.get()
    assert page.inner_text("#reference") == tech_request.reference
    assert tech_request.attachments.get().original_name == "需求说明.pdf"
    assert any(
        tech_request.reference in m.subject for m in mail.outbox if m.to == ["ma@example.com"]
    )

    page.click("#tracking-link")
    page.wait_for_selector("#current-status")
    tracking_url = page.url
    assert page.inner_text("#current-status") == "已提交"
    screenshot("requests-tracking-page")

    # Staff log in to the admin in their own browser.
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    admin.set_default_timeout(BROWSER_TIMEOUT_MS)
    change_url = f"{live_server.url}/admin/requests/techrequest/{tech_request.pk}/change/"
    admin.goto(f"{live_server.url}/admin/login/?next={change_url}")
    admin.fill("#id_username", "hq-admin")
    admin.fill("#id_password", "a-strong-test-password")
    admin.click("input[type=submit]")
    admin.wait_for_selector("#matching-suggestions")
    assert "热能工程系" in admin.inner_text("#matching-suggestions")
    screenshot("requests-admin-change-page", admin)

    # One click accepts the suggested department; then the request moves along its workflow.
    admin.click(f"#matching-suggestions button[value='department:{thermal_engineering.pk}']")
    admin.wait_for_selector(".messagelist .success")
    assert admin.locator("#id_assigned_department").input_value() == str(thermal_engineering.pk)
    staff_save(admin, status="under_review", message="已转交热能工程系专家评估。")
    admin.fill("#id_internal_note", "内部：预算可能偏低")
    staff_save(admin, status="matched")

    page.goto(tracking_url)
    assert page.inner_text("#current-status") == "已对接"
    timeline = page.inner_text("#timeline")
    assert "已转交热能工程系专家评估。" in timeline
    assert "预算偏低" not in page.content() and "内部" not in timeline

    staff_save(admin, status="in_negotiation")
    contract = ContractFactory(number="HT-2026-0042")
    admin.click(".field-contract .select2-selection")
    admin.fill(".select2-search__field", "HT-2026-0042")
    admin.click(".select2-results__option >> text=HT-2026-0042")
    staff_save(admin, status="contracted", message="合同已签订，感谢合作。")
    tech_request.refresh_from_db()
    assert tech_request.contract == contract

    page.goto(tracking_url)
    assert page.inner_text("#current-status") == "已签约"
    assert "合同已签订，感谢合作。" in page.inner_text("#timeline")
    statuses = re.findall(r"状态变更为\s*(\S+)", page.inner_text("#timeline"))
    assert statuses == ["审核中", "已对接", "洽谈中", "已签约"]
    assert page.locator("#withdraw-link").count() == 0
    partner_subjects = [m.subject for m in mail.outbox if m.to == ["ma@example.com"]]
    assert len(partner_subjects) == 5

    admin.goto(f"{live_server.url}/admin/requests/techrequest/funnel/")
    cells = admin.locator("#funnel-table tbody tr").first.locator("td").all_inner_texts()
    assert cells[1:6] == ["宁夏回族自治区", "1", "1", "1", "0"]
    screenshot("requests-admin-funnel", admin)
    staff.close()


def test_partner_withdraws_from_the_tracking_page(live_server, page, submitted, eager_celery):
    from apps.requests import services

    token = services.request_tracking_token(tech_request=submitted)
    page.goto(f"{live_server.url}/en/requests/track/{token}/")
    assert page.inner_text("#current-status") == "Submitted"
    page.fill("#id_body", "The soil samples are ready.")
    page.click("#message-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "The soil samples are ready." in page.inner_text("#timeline")

    page.click("#withdraw-link")
    page.click("button.button--danger")
    assert "Tick the box" in page.inner_text(".field-errors")
    page.check("#id_confirm")
    page.click("button.button--danger")
    page.wait_for_selector("#current-status")
    assert page.inner_text("#current-status") == "Withdrawn"
    assert page.locator("#message-form").count() == 0


def test_city_list_follows_the_province_by_keyboard_alone(live_server, page, province, city):
    page.goto(f"{live_server.url}/requests/")
    page.focus("#id_province")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector(f"#id_city option[value='{city.code}']", state="attached")
    assert page.input_value("#id_province") == province.code
    assert page.inner_text("#city-status") == "城市列表已更新。"

    # The no-JavaScript button is hidden, so the next stop after the province is the city.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_city"
    page.keyboard.press("ArrowDown")
    assert page.input_value("#id_city") == city.code
