"""Spreadsheet import in the admin: preview, row-by-row errors in the user's language,
all-or-nothing, matching by code or name, region scope, and history of what was imported."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.agreements.models import Contract, Payment
from apps.core.tests.factories import DepartmentFactory
from apps.events.models import ExchangeEvent
from apps.operations.tests.conftest import csv_file, issues_by_line, xlsx_file
from apps.partners.models import Membership, Organization
from apps.projects.models import CooperationProject

pytestmark = pytest.mark.django_db

# Chinese labels, codes and English labels mixed, as people write them.
CONTRACT_HEADER = (
    "合同编号",
    "title_zh",
    "kind",
    "status",
    "院系",
    "principal investigator",
    "合作单位",
    "省份",
    "城市",
    "签订日期",
    "starts on",
    "ends on",
    "金额（元）",
)


@pytest.fixture
def department():
    return DepartmentFactory(code="auto", name_zh="车辆与运载学院", name_en="School of Vehicle")


def contract_row(world, number, **changes):
    partner = world.home["partners.Organization"]
    row = {
        "number": number,
        "title": f"合同{number}",
        "kind": "技术开发",
        "status": "signed",
        "department": "School of Vehicle",
        "pi": "王教授",
        "partner": partner.name_en,
        "province": world.home_province.name_en,
        "city": "姑苏",
        "signed": "2024/3/1",
        "start": datetime.date(2024, 3, 1),
        "end": "2025-02-28",
        "amount": "1,200,000.00",
    }
    row.update(changes)
    return tuple(row.values())


def bad_and_good_rows(world):
    return [
        CONTRACT_HEADER,
        contract_row(world, "IMP-001"),
        contract_row(world, "IMP-002", province="火星省"),
        contract_row(world, "IMP-003", amount="-5"),
        contract_row(world, "IMP-004", end="2023-01-01"),
        contract_row(world, "IMP-005", kind="拍卖", signed="明天"),
        contract_row(world, "IMP-006"),
    ]


def test_bad_rows_write_nothing_and_each_is_reported_with_column_and_reason(
    world, department, staff_client, importer
):
    before = Contract.objects.count()
    preview = importer(staff_client, "agreements.Contract").preview(
        xlsx_file(bad_and_good_rows(world))
    )
    assert preview.status_code == 200
    assert preview.job.status == "invalid"
    page = preview.content.decode()
    assert 'name="confirm"' not in page
    assert Contract.objects.count() == before

    # Lines of the spreadsheet: the header is line 1.
    errors = preview.issues
    assert set(errors) == {3, 4, 5, 6}
    assert "火星省" in " ".join(errors[3]["省份"])
    assert "金额（元）" in errors[4]
    assert any("结束日期早于开始日期" in message for message in errors[5]["ends on"])
    assert "拍卖" in " ".join(errors[6]["kind"])
    assert "明天" in " ".join(errors[6]["签订日期"])
    assert "火星省" in page and "金额（元）" in page


def test_errors_are_in_the_users_language(world, department, staff_user):
    import tablib
    from django.utils import translation

    from apps.agreements.resources import ContractResource

    rows = bad_and_good_rows(world)
    dataset = tablib.Dataset(*rows[1:], headers=rows[0])
    with translation.override("en"):
        result = ContractResource(user=staff_user).import_data(dataset, dry_run=True)
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert any("end date is before the start date" in m for m in errors[4]["ends on"])
    assert any("by code or by Chinese or English name" in m for m in errors[2]["省份"])
    assert not Contract.objects.filter(number__startswith="IMP-").exists()


def test_the_corrected_sheet_is_imported_whole_after_a_preview(
    world, department, staff_client, staff_user, importer
):
    rows = [
        CONTRACT_HEADER,
        *(contract_row(world, f"IMP-{n:03d}") for n in range(1, 7)),
    ]
    driver = importer(staff_client, "agreements.Contract")
    preview = driver.preview(xlsx_file(rows))
    assert preview.job.status == "ready", preview.issues
    assert 'name="confirm"' in preview.content.decode()
    assert "IMP-001" in preview.content.decode()  # the first rows are shown
    assert Contract.objects.filter(number__startswith="IMP-").count() == 0  # a preview only
    done = driver.confirm(preview)
    assert done.status_code == 302
    assert done.job.status == "done"
    imported = Contract.objects.filter(number__startswith="IMP-").order_by("number")
    assert imported.count() == 6
    contract = imported.first()
    assert contract.city == world.home_city
    assert contract.province == world.home_province
    assert contract.department == department
    assert contract.organization == world.home["partners.Organization"]
    assert contract.amount == Decimal("1200000.00")
    assert contract.kind == "development"
    assert contract.start_on == datetime.date(2024, 3, 1)
    record = contract.history.get()
    assert record.history_type == "+"
    assert record.history_user == staff_user


def test_a_row_that_fails_at_confirmation_writes_nothing(world, department, staff_client, importer):
    other = DepartmentFactory(code="thermal", name_zh="能源与动力工程系", name_en="Thermal")
    rows = [
        CONTRACT_HEADER,
        contract_row(world, "IMP-101"),
        contract_row(world, "IMP-102", department="thermal"),
    ]
    driver = importer(staff_client, "agreements.Contract")
    preview = driver.preview(xlsx_file(rows))
    assert preview.job.status == "ready"
    other.delete()  # the sheet became wrong between preview and confirmation
    done = driver.confirm(preview)
    assert done.job.status == "failed"
    assert "院系" in issues_by_line(done.job)[3]
    assert not Contract.objects.filter(number__startswith="IMP-1").exists()
    page = staff_client.get(reverse("admin:operations_importjob_change", args=[done.job.pk]))
    assert "未导入任何数据" in page.content.decode()


def test_reimport_updates_existing_contracts_and_history_shows_the_change(
    world, department, staff_client, importer
):
    existing = world.home["agreements.Contract"]
    # The same kind as the record (the shared world's contract is an equity transfer).
    rows = [
        CONTRACT_HEADER,
        contract_row(world, existing.number, amount="777", kind=existing.get_kind_display()),
    ]
    driver = importer(staff_client, "agreements.Contract")
    driver.confirm(driver.preview(xlsx_file(rows)))
    existing.refresh_from_db()
    assert existing.amount == Decimal("777.00")
    latest, previous = existing.history.all()[:2]
    changes = {
        change.field: (change.old, change.new) for change in latest.diff_against(previous).changes
    }
    assert changes["amount"] == (Decimal("500000.00"), Decimal("777.00"))


def test_office_user_cannot_import_records_of_another_region(
    world, department, office_client, importer
):
    rows = [
        CONTRACT_HEADER,
        contract_row(world, "IMP-201"),
        contract_row(
            world,
            "IMP-202",
            province=world.far_province.name_zh,
            city=world.far_city.name_zh,
            partner=world.far["partners.Organization"].name_zh,
        ),
    ]
    preview = importer(office_client, "agreements.Contract").preview(xlsx_file(rows))
    errors = preview.issues
    assert set(errors) == {3}
    assert any("地区" in " ".join(messages) for messages in errors[3].values())
    assert not Contract.objects.filter(number__startswith="IMP-2").exists()


def test_payments_import_by_contract_number_and_instalment(world, staff_client, importer):
    contract = world.home["agreements.Contract"]
    text = (
        "合同,instalment,amount,due on,received on,note\n"
        f"{contract.number},7,50000,2024-06-30,,首付款\n"
        f"{contract.number},8,50000,2024-12-31,2024-12-20,\n"
    )
    driver = importer(staff_client, "agreements.Payment")
    driver.confirm(driver.preview(csv_file(text)))
    assert set(contract.payments.values_list("instalment", flat=True)) >= {7, 8}
    bad = f"contract,instalment,amount,due on\nNO-SUCH,1,10,2024-01-01\n{contract.number},99,0,\n"
    preview = driver.preview(csv_file(bad))
    errors = preview.issues
    assert set(errors) == {2, 3}
    assert "NO-SUCH" in " ".join(errors[2]["contract"])
    assert Payment.objects.filter(contract=contract, instalment=99).count() == 0


def test_organizations_and_memberships_import(world, staff_client, importer):
    text = (
        "名称（中文）,name (English),kind,province,city\n"
        f"新华机械有限公司,Xinhua Machinery,企业,{world.home_province.code},{world.home_city.code}\n"
    )
    driver = importer(staff_client, "partners.Organization")
    driver.confirm(driver.preview(csv_file(text)))
    organization = Organization.objects.get(name_zh="新华机械有限公司")
    assert organization.kind == "enterprise"
    assert organization.city == world.home_city

    text = (
        "enterprise,tier,joined on,valid until,status,annual fee (CNY)\n"
        "Xinhua Machinery,高级会员,2024-01-01,2025-12-31,active,30000\n"
    )
    driver = importer(staff_client, "partners.Membership")
    driver.confirm(driver.preview(csv_file(text)))
    membership = Membership.objects.get(organization=organization)
    assert membership.tier == "senior"
    assert membership.annual_fee == Decimal("30000.00")


def test_import_refuses_names_with_bidi_controls_or_of_invisible_characters_only(
    world, staff_client, importer
):
    place = f"{world.home_province.code},{world.home_city.code}"
    text = (
        "名称（中文）,name (English),kind,province,city\n"
        f"新华\u202e司公限有械机,Xinhua Machinery,企业,{place}\n"
        f"东方机械有限公司,\u200b\u200b,企业,{place}\n"
        f"南方机械有限公司,Nanfang\u2066 Machinery,企业,{place}\n"
    )
    preview = importer(staff_client, "partners.Organization").preview(csv_file(text))

    assert preview.job.status == "invalid"
    issues = preview.issues
    assert "U+202E" in " ".join(issues[2]["名称（中文）"])
    assert "只包含不可见字符" in " ".join(issues[3]["name (English)"])
    assert "U+2066" in " ".join(issues[4]["name (English)"])
    assert not Organization.objects.filter(name_zh__in=["东方机械有限公司", "南方机械有限公司"])


def test_events_import(world, department, staff_client, importer):
    text = (
        "code,title (Chinese),kind,starts on,province,city,department,participants\n"
        f"ev-imp-1,姑苏技术对接会,matchmaking,2024-05-10,{world.home_province.name_zh},吴江区,auto,120\n"
    )
    driver = importer(staff_client, "events.ExchangeEvent")
    driver.confirm(driver.preview(csv_file(text)))
    event = ExchangeEvent.objects.get(code="ev-imp-1")
    assert event.city == world.home_district
    assert event.participants == 120


def test_projects_import_with_sites_and_partners(world, department, staff_client, importer):
    partner = world.home["partners.Organization"]
    text = (
        "code,title_zh,department,status,applied in,partners\n"
        f"proj-imp-1,有机发光显示产线,auto,pilot,"
        f"{world.home_province.name_zh}/姑苏; {world.far_province.name_en},{partner.name_zh}\n"
    )
    driver = importer(staff_client, "projects.CooperationProject")
    driver.confirm(driver.preview(csv_file(text)))
    project = CooperationProject.objects.get(code="proj-imp-1")
    assert {(site.province_id, site.city_id) for site in project.sites.all()} == {
        (world.home_province.pk, world.home_city.pk),
        (world.far_province.pk, None),
    }
    assert list(project.partners.all()) == [partner]
    bad = "code,title_zh,department,status,applied in\nproj-imp-2,X,auto,pilot,月球\n"
    preview = driver.preview(csv_file(bad))
    assert "月球" in " ".join(preview.issues[2]["applied in"])


def test_export_then_import_round_trips(world, staff_client, importer):
    from apps.accounts.tests.test_scoping import export_csv

    rows = export_csv(staff_client, "agreements.Contract")
    header, *body = rows
    assert "合同编号" in header
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n"
    driver = importer(staff_client, "agreements.Contract")
    preview = driver.preview(csv_file(text))
    assert preview.job.status == "ready", preview.issues
    assert preview.job.rows_new == 0
    assert preview.job.rows_updated == len(body) == Contract.objects.count()
