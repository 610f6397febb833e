"""Imports as background jobs: the region rule on the instance lookup, every file a user can
get wrong told in a sentence of their language with nothing written, confirmation once, and
uploads that expire."""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from apps.agreements.models import Contract
from apps.core.scope import OUT_OF_REGION_FORM
from apps.core.tests.factories import DepartmentFactory
from apps.operations import imports
from apps.operations.models import ImportJob
from apps.operations.tests.conftest import csv_file, xlsx_file
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite
from apps.projects.tests.factories import ProjectSiteFactory

pytestmark = pytest.mark.django_db

HEADER = (
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
)


@pytest.fixture
def department():
    return DepartmentFactory(code="auto", name_zh="车辆与运载学院", name_en="School of Vehicle")


def contract_line(world, number, **changes):
    row = {
        "number": number,
        "title": f"合同{number}",
        "kind": "技术开发",
        "department": "auto",
        "pi": "王教授",
        "partner": world.home["partners.Organization"].name_zh,
        "province": world.home_province.name_zh,
        "city": world.home_city.name_zh,
        "signed": "2024-03-01",
        "amount": "1000",
    }
    row.update(changes)
    return tuple(row.values())


def messages_of(page):
    return " ".join(
        message for columns in page.issues.values() for ms in columns.values() for message in ms
    )


def assert_nothing_confirmable(page, client):
    assert 'name="confirm"' not in page.content.decode()
    response = client.post(reverse("admin:operations_importjob_confirm", args=[page.job.pk]))
    assert response.status_code == 302
    page.job.refresh_from_db()
    assert page.job.confirmed_at is None


# --------------------------------------------------------------------------- region rule


def test_office_import_cannot_update_other_region_contract(
    world, department, office_client, importer
):
    beijing = world.far["agreements.Contract"]
    before = Contract.objects.values().get(pk=beijing.pk)
    rows = [HEADER, contract_line(world, beijing.number, title="改名", amount="1")]
    page = importer(office_client, "agreements.Contract").preview(xlsx_file(rows))

    assert page.job.status == "invalid"
    # Neither updated nor created again: its number is taken, as for the office's own.
    assert page.issues == {2: {"合同编号": ["该合同编号已被使用，请另选一个。"]}}
    html = page.content.decode()
    for secret in (beijing.title_zh, beijing.principal_investigator, str(beijing.amount)):
        assert secret not in html
    assert_nothing_confirmable(page, office_client)
    imports.import_job_run(job_id=page.job.pk)
    assert Contract.objects.values().get(pk=beijing.pk) == before


def test_office_import_cannot_update_other_region_organization(world, office_client, importer):
    government = world.far["partners.Organization"]
    before = Organization.objects.values().get(pk=government.pk)
    text = (
        "名称（中文）,kind,province,city,public\n"
        f"{government.name_zh},企业,{world.home_province.code},{world.home_city.code},否\n"
    )
    page = importer(office_client, "partners.Organization").preview(csv_file(text))

    assert page.job.status == "invalid"
    assert page.issues[2]["名称（中文）"] == ["该名称（中文）已被使用，请另选一个。"]
    assert_nothing_confirmable(page, office_client)
    assert Organization.objects.values().get(pk=government.pk) == before


def test_office_import_may_update_own_region_contract(world, department, office_client, importer):
    own = world.home["agreements.Contract"]
    driver = importer(office_client, "agreements.Contract")
    # The same kind as the record (the shared world's contract is an equity transfer).
    line = contract_line(world, own.number, amount="4321", kind=own.get_kind_display())
    page = driver.preview(xlsx_file([HEADER, line]))
    assert page.job.status == "ready", page.issues
    driver.confirm(page)
    own.refresh_from_db()
    assert own.amount == Decimal("4321.00")


def project_sheet(code, places):
    return f"code,title_zh,department,status,applied in\n{code},跨区项目,auto,pilot,{places}\n"


def place_text(city):
    return f"{city.province.name_zh}/{city.name_zh}"


@pytest.mark.parametrize(("who", "elsewhere"), [("office_user", "near"), ("province_user", "far")])
def test_office_import_refuses_a_project_with_any_site_outside_its_region(
    world, department, importer, request, who, elsewhere
):
    """One own site beside one elsewhere: the row is refused with the write path's message,
    and the other region gains no project, no site and no linked agreement."""
    client = Client()
    client.force_login(request.getfixturevalue(who))
    other_city = getattr(world, f"{elsewhere}_city")
    before = CooperationProject.objects.in_region(other_city).count()
    linked = CooperationProject.objects.filter(agreement__city=other_city).count()
    # The other place first: a project written would be linked to that place's agreement.
    places = f"{place_text(other_city)}; {place_text(world.home_city)}"
    page = importer(client, "projects.CooperationProject").preview(
        csv_file(project_sheet("proj-two-regions", places))
    )

    assert page.job.status == "invalid", page.issues
    with translation.override("zh-hans"):
        expected = f"{place_text(other_city)}：{OUT_OF_REGION_FORM}"
    assert page.issues[2] == {"applied in": [expected]}
    assert_nothing_confirmable(page, client)
    imports.import_job_run(job_id=page.job.pk)
    assert not CooperationProject.objects.filter(code="proj-two-regions").exists()
    assert CooperationProject.objects.in_region(other_city).count() == before
    assert CooperationProject.objects.filter(agreement__city=other_city).count() == linked


def test_office_import_of_own_project_keeps_the_sites_it_cannot_see(
    world, department, office_client, importer
):
    """Headquarters placed the office's project in another region as well; the office's sheet
    names only its own places, and the other region's site stays."""
    project = world.home["projects.CooperationProject"]
    far_site = ProjectSiteFactory(project=project, city=world.far_city)
    driver = importer(office_client, "projects.CooperationProject")
    page = driver.preview(csv_file(project_sheet(project.code, place_text(world.home_district))))
    assert page.job.status == "ready", page.issues
    driver.confirm(page)

    assert page.job.status == "done", page.job.message
    assert ProjectSite.objects.filter(pk=far_site.pk).exists()
    assert set(project.sites.values_list("city", flat=True)) == {
        world.home_district.pk,
        world.far_city.pk,
    }


# --------------------------------------------------------------------------- the rows


def test_duplicate_key_within_the_file_names_the_first_line(
    world, department, staff_client, importer
):
    rows = [
        HEADER,
        contract_line(world, "DUP-1"),
        contract_line(world, "DUP-2"),
        contract_line(world, "DUP-1"),
    ]
    page = importer(staff_client, "agreements.Contract").preview(xlsx_file(rows))
    assert page.issues == {
        4: {"合同编号": ["同一条记录已出现在本文件第 2 行；每条记录在文件中只能出现一次。"]}
    }
    assert not Contract.objects.filter(number__startswith="DUP-").exists()


def test_blank_required_organization_is_a_sentence_not_a_database_error(
    world, department, staff_client, importer
):
    page = importer(staff_client, "agreements.Contract").preview(
        xlsx_file([HEADER, contract_line(world, "BLANK-1", partner="")])
    )
    assert page.issues == {2: {"合作单位": ["此项必填：请填写合作单位的代码或名称。"]}}
    assert not Contract.objects.filter(number="BLANK-1").exists()


def test_a_formula_cell_is_refused_with_its_line_and_column(
    world, department, staff_client, importer
):
    row = list(contract_line(world, "FORMULA-1"))
    row[-1] = "=1000*2"
    page = importer(staff_client, "agreements.Contract").preview(xlsx_file([HEADER, row]))
    assert page.issues[2]["金额（元）"] == ["不接受公式单元格，请直接填写数值。"]
    assert page.job.status == "invalid"
    assert not Contract.objects.filter(number="FORMULA-1").exists()


def test_a_gbk_csv_is_read_as_chinese(world, staff_client, importer):
    text = f"名称（中文）,kind,province,city\n国标机械有限公司,企业,{world.home_province.code},{world.home_city.code}\n"
    upload = io.BytesIO(text.encode("gbk"))
    upload.name = "gbk.csv"
    driver = importer(staff_client, "partners.Organization")
    page = driver.preview(upload)
    assert page.job.status == "ready", page.issues
    assert page.job.encoding == "gb18030"
    assert "国标机械有限公司" in page.content.decode()
    driver.confirm(page)
    assert Organization.objects.filter(name_zh="国标机械有限公司").exists()


def test_errors_are_listed_by_page(world, department, staff_client, importer, settings):
    settings.IMPORT_ERRORS_PER_PAGE = 5
    rows = [HEADER, *(contract_line(world, f"PG-{n}", kind="拍卖") for n in range(12))]
    page = importer(staff_client, "agreements.Contract").preview(xlsx_file(rows))
    assert page.job.error_count == 12
    url = reverse("admin:operations_importjob_change", args=[page.job.pk])
    third = staff_client.get(url, {"page": 3}).content.decode()
    assert "第 3 页，共 3 页" in third and "<td>13</td>" in third
    assert staff_client.get(url, {"page": "x"}).status_code == 200


# --------------------------------------------------------------------------- the file


def entity_bomb_xlsx():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["a"])
    workbook.save(buffer)
    bomb = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><worksheet',
                    1,
                )
            target.writestr(item, data)
    bomb.seek(0)
    bomb.name = "bomb.xlsx"
    return bomb


def named(data, name):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def bomb_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (8 * 1024 * 1024))
    return named(buffer.getvalue(), "bomb.xlsx")


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (bomb_xlsx, "解压炸弹"),
        (entity_bomb_xlsx, "实体扩展攻击"),
        (lambda: named(xlsx_file([["a"], ["b"]]).getvalue()[:300], "cut.xlsx"), "已损坏"),
        (lambda: named(b"name\n\x80\x81abc\n", "latin.csv"), "UTF-8"),
        (lambda: named(b"\x00\x01\x02binary" * 20, "x.csv"), "既不是 XLSX 工作簿，也不是 CSV"),
        (lambda: named(b"PK\x03\x04" + b"\0" * 200, "fake.xlsx"), "已损坏"),
    ],
    ids=[
        "decompression-bomb",
        "entity-bomb",
        "broken-zip",
        "unknown-encoding",
        "binary",
        "bad-zip",
    ],
)
def test_a_file_that_cannot_be_read_is_one_sentence_and_writes_nothing(
    make, sentence, staff_client, importer
):
    before = Organization.objects.count()
    page = importer(staff_client, "partners.Organization").preview(make())
    assert page.job.status == "invalid"
    assert sentence in page.job.message
    assert sentence in page.content.decode()
    assert "Traceback" not in page.content.decode() and "Error" not in page.job.message
    assert_nothing_confirmable(page, staff_client)
    assert Organization.objects.count() == before


def test_an_old_xls_file_is_refused_at_upload(staff_client, importer):
    response, job = importer(staff_client, "partners.Organization").upload(
        named(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")
    )
    assert job is None
    assert "旧版 Excel 97–2003 文件" in response.content.decode()


def test_the_old_confirmation_with_a_crafted_file_name_reads_and_deletes_nothing(
    world, staff_client, tmp_path, settings
):
    victim = Path(settings.IMPORTS_ROOT)
    victim.mkdir(parents=True, exist_ok=True)
    victim = victim / "someone-elses.upload"
    victim.write_text("名称（中文）\n被偷看的单位\n", encoding="utf-8")
    response = staff_client.post(
        reverse("admin:partners_organization_process_import"),
        {
            "import_file_name": "../imports/someone-elses.upload",
            "original_file_name": "x.csv",
            "format": "99",
            "resource": "0",
        },
    )
    assert response.status_code == 302
    assert victim.exists()
    assert not Organization.objects.filter(name_zh="被偷看的单位").exists()


def test_confirming_twice_is_told_and_imports_once(world, staff_client, importer):
    text = f"名称（中文）,kind,province\n一次性公司,企业,{world.home_province.code}\n"
    driver = importer(staff_client, "partners.Organization")
    page = driver.preview(csv_file(text))
    driver.confirm(page)
    again = staff_client.post(
        reverse("admin:operations_importjob_confirm", args=[page.job.pk]), follow=True
    )
    assert "此导入已经确认过，只会执行一次" in again.content.decode()
    imports.import_job_run(job_id=page.job.pk)
    assert Organization.objects.filter(name_zh="一次性公司").count() == 1


def test_a_missing_or_expired_job_is_a_sentence(world, staff_client, importer):
    text = f"名称（中文）,kind,province\n过期公司,企业,{world.home_province.code}\n"
    page = importer(staff_client, "partners.Organization").preview(csv_file(text))
    ImportJob.objects.filter(pk=page.job.pk).update(expires_at=timezone.now())
    response = staff_client.post(
        reverse("admin:operations_importjob_confirm", args=[page.job.pk]), follow=True
    )
    assert "此导入已不存在" in response.content.decode()
    assert imports.import_jobs_expire() == 1
    assert not imports.job_path(page.job).exists()
    gone = staff_client.get(reverse("admin:operations_importjob_change", args=[page.job.pk]))
    assert gone.status_code == 404
    assert not Organization.objects.filter(name_zh="过期公司").exists()


def test_another_users_job_is_not_found(world, staff_client, office_user, importer):
    text = f"名称（中文）,kind,province\n别人的公司,企业,{world.home_province.code}\n"
    page = importer(staff_client, "partners.Organization").preview(csv_file(text))
    url = reverse("admin:operations_importjob_change", args=[page.job.pk])
    office_client = Client()
    office_client.force_login(office_user)
    assert office_client.get(url).status_code == 404
    office_client.post(reverse("admin:operations_importjob_confirm", args=[page.job.pk]))
    page.job.refresh_from_db()
    assert page.job.confirmed_at is None


def test_uploads_expire_with_their_jobs(world, staff_client, importer):
    text = f"名称（中文）,kind,province\n旧公司,企业,{world.home_province.code}\n"
    page = importer(staff_client, "partners.Organization").preview(csv_file(text))
    assert imports.import_jobs_expire() == 0
    assert imports.job_path(page.job).exists()
    later = timezone.now() + datetime.timedelta(hours=25)
    assert imports.import_jobs_expire(now=later) == 1
    assert not ImportJob.objects.filter(pk=page.job.pk).exists()
    assert not imports.job_path(page.job).exists()
