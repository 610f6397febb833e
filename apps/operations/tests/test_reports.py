"""The annual report: requested in the admin, made by a real worker with its progress recorded,
downloaded as XLSX and PDF that hold the region's figures."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.accounts.models import Role, StaffProfile
from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.core.tests.waiting import wait_until, worker_stopped
from apps.events.tests.factories import ExchangeEventFactory
from apps.operations.models import ReportJob, ReportStatus
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.tests.factories import CityFactory, ProvinceFactory


@pytest.fixture
def figures_2024(db):
    home = ProvinceFactory(name_zh="江南省", name_en="Jiangnan")
    away = ProvinceFactory(name_zh="塞北省", name_en="Saibei")
    gusu = CityFactory(province=home, name_zh="姑苏市", name_en="Gusu")
    yunzhong = CityFactory(province=away, name_zh="云中市", name_en="Yunzhong")
    partner = OrganizationFactory(city=gusu, province=home, name_zh="姑苏精密机械有限公司")
    for number, amount in (("RPT-001", "1234567.00"), ("RPT-002", "765433.00")):
        contract = ContractFactory(
            number=number,
            organization=partner,
            province=home,
            city=gusu,
            signed_on=datetime.date(2024, 4, 1),
            amount=Decimal(amount),
        )
    PaymentFactory(
        contract=contract,
        instalment=1,
        amount=Decimal("300000.00"),
        received_on=datetime.date(2024, 8, 1),
    )
    ContractFactory(  # another year, not counted
        organization=partner, province=home, city=gusu, signed_on=datetime.date(2023, 4, 1)
    )
    ContractFactory(
        organization=OrganizationFactory(city=yunzhong, province=away),
        province=away,
        city=yunzhong,
        signed_on=datetime.date(2024, 5, 1),
        amount=Decimal("99.00"),
    )
    for day in (3, 4, 5):
        ExchangeEventFactory(
            province=home, city=gusu, start_on=datetime.date(2024, 6, day), participants=40
        )
    return {"home": home, "away": away, "gusu": gusu}


def wait_until_done(job, worker):
    def finished():
        job.refresh_from_db()
        return job if job.status in (ReportStatus.DONE, ReportStatus.FAILED) else None

    return wait_until(
        finished, what=f"report {job.pk} did not finish", died=worker_stopped(worker), interval=0.2
    )


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_report_requested_in_the_admin_is_made_by_the_worker_and_holds_the_figures(
    figures_2024, staff_client, celery_worker_on_redis
):
    home = figures_2024["home"]
    response = staff_client.post(
        reverse("admin:operations_reportjob_add"),
        {"year": "2024", "province": home.pk, "city": "", "language": "zh-hans"},
    )
    assert response.status_code == 302
    job = wait_until_done(ReportJob.objects.get(), celery_worker_on_redis)
    assert job.status == ReportStatus.DONE, job.error
    assert job.progress == 100

    listing = staff_client.get(reverse("admin:operations_reportjob_changelist")).content.decode()
    assert 'value="100"' in listing and "XLSX" in listing

    xlsx = staff_client.get(reverse("admin:operations_reportjob_download", args=[job.pk, "xlsx"]))
    assert xlsx.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    with translation.override("zh-hans"):
        summary = {row[0]: row[1] for row in workbook[_("Summary")].iter_rows(values_only=True)}
        assert summary[_("Region")] == "江南省"
        assert summary[_("Technology contracts signed")] == 2
        assert Decimal(str(summary[_("Contract value signed (CNY)")])) == Decimal("2000000.00")
        assert Decimal(str(summary[_("Payments received (CNY)")])) == Decimal("300000.00")
        assert summary[_("Exchange events")] == 3
        assert summary[_("Event participants")] == 120
        by_city = list(workbook[_("By city")].iter_rows(values_only=True))
    assert ("姑苏市", 2, 2000000, 3) in [tuple(row) for row in by_city]

    pdf = staff_client.get(reverse("admin:operations_reportjob_download", args=[job.pk, "pdf"]))
    assert pdf.status_code == 200
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "2024年度合作报告" in text
    assert "江南省" in text
    assert "2,000,000.00" in text
    assert "1,234,567.00" in text
    assert "姑苏精密机械有限公司" in text
    assert "塞北省" not in text


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_whole_university_report_in_english_lists_every_province(figures_2024, run_on_worker):
    from apps.operations import services, tasks

    job = ReportJob.objects.create(year=2024, language="en")
    run_on_worker(tasks.generate_report, job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    text = pdf_text(services.report_file_path(job, "pdf").read_bytes())
    assert "2024 annual cooperation report" in text
    assert "whole university" in text
    assert "Jiangnan" in text and "Saibei" in text
    assert "2,000,099.00" in text


@pytest.mark.django_db
def test_office_user_may_only_request_their_own_region(figures_2024, client, django_user_model):
    user = django_user_model.objects.create_user(username="gusu", is_staff=True)
    StaffProfile.objects.create(user=user, role=Role.OFFICE, city=figures_2024["gusu"])
    client.force_login(user)
    add = reverse("admin:operations_reportjob_add")
    away = client.post(
        add, {"year": "2024", "province": figures_2024["away"].pk, "language": "zh-hans"}
    )
    assert away.status_code == 200
    assert "province" in away.context["adminform"].form.errors
    whole = client.post(add, {"year": "2024", "language": "zh-hans"})
    assert whole.status_code == 200
    assert whole.context["adminform"].form.non_field_errors()
    own = client.post(add, {"year": "2024", "city": figures_2024["gusu"].pk, "language": "zh-hans"})
    assert own.status_code == 302
    job = ReportJob.objects.get()
    assert job.province == figures_2024["home"]
    other = ReportJob.objects.create(year=2024, province=figures_2024["away"])
    assert (
        client.get(
            reverse("admin:operations_reportjob_download", args=[other.pk, "pdf"])
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_report_figures_take_the_same_queries_for_few_and_many_records(
    figures_2024, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.operations.reports import collect_figures

    with CaptureQueriesContext(connection) as few:
        collect_figures(year=2024, province=figures_2024["home"])
    for _number in range(30):
        ContractFactory(
            province=figures_2024["home"],
            city=figures_2024["gusu"],
            signed_on=datetime.date(2024, 9, 9),
        )
    with django_assert_max_num_queries(len(few)):
        collect_figures(year=2024, province=figures_2024["home"])


@pytest.mark.django_db
def test_report_xlsx_has_no_formula_cell_from_contract_titles_or_partner_names():
    from apps.operations.reports import collect_figures, render_xlsx

    province = ProvinceFactory()
    city = CityFactory(province=province)
    for number, title, partner in (
        ("F-1", '=HYPERLINK("http://x","open")', "@SUM(A1)"),
        ("F-2", "+cmd|' /C calc'!A0", "-2+3"),
    ):
        ContractFactory(
            number=number,
            title_zh=title,
            organization=OrganizationFactory(name_zh=partner, province=province, city=city),
            province=province,
            city=city,
            signed_on=datetime.date(2024, 2, 1),
        )
    with translation.override("zh-hans"):
        figures = collect_figures(year=2024, province=province, region_name=province.name_zh)
        workbook = load_workbook(io.BytesIO(render_xlsx(figures)))
        largest = list(workbook[_("Largest contracts")].iter_rows(min_row=2))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    titles = {row[1].value: row[2].value for row in largest}
    assert titles == {'=HYPERLINK("http://x","open")': "@SUM(A1)", "+cmd|' /C calc'!A0": "-2+3"}
