"""The statutory report (科技成果转化年度报告): every section of the national form, filled from
the records where they can, and every field they cannot fill said to have no source (issue 22)."""

import datetime
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from apps.agreements.choices import ContractKind, ContractStatus, TransferMode
from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.agreements.transfer_report import NO_SOURCE
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def contracts():
    def transfer(mode, amount, **extra):
        return ContractFactory(
            kind=ContractKind.TRANSFER,
            transfer_mode=mode,
            amount=Decimal(amount),
            signed_on=datetime.date(YEAR, 5, 1),
            **extra,
        )

    transfer(TransferMode.TRANSFER, "100000")
    transfer(TransferMode.TRANSFER, "300000")
    licence = transfer(TransferMode.LICENCE, "50000")
    company = OrganizationFactory(name_zh="清芯科技有限公司")
    transfer(
        TransferMode.EQUITY,
        "2000000",
        equity_company=company,
        equity_shares=2_000_000,
        equity_percent=Decimal("12.5"),
    )
    transfer("", "10000")  # mode not recorded
    ContractFactory(
        kind=ContractKind.DEVELOPMENT, amount=Decimal("400000"), signed_on=datetime.date(YEAR, 2, 1)
    )
    ContractFactory(
        kind=ContractKind.SERVICE, amount=Decimal("20000"), signed_on=datetime.date(YEAR, 3, 1)
    )
    ContractFactory(  # a draft, and one of another year: neither counts
        kind=ContractKind.DEVELOPMENT,
        status=ContractStatus.DRAFT,
        signed_on=datetime.date(YEAR, 2, 1),
    )
    older = ContractFactory(kind=ContractKind.DEVELOPMENT, signed_on=datetime.date(YEAR - 3, 2, 1))
    PaymentFactory(contract=licence, amount=Decimal("25000"), received_on=datetime.date(YEAR, 9, 1))
    PaymentFactory(contract=older, amount=Decimal("70000"), received_on=datetime.date(YEAR, 1, 9))
    PaymentFactory(contract=older, amount=Decimal("1"), received_on=datetime.date(YEAR - 1, 1, 9))


def sheet_sections(path):
    """{section title: {field label: (value, unit, source)}} read back from the workbook."""
    book = openpyxl.load_workbook(path)
    sections, current = {}, None
    for row in book.worksheets[0].iter_rows(min_row=3, values_only=True):
        label, value, unit, source = (list(row) + [None] * 4)[:4]
        if label is None:
            continue
        if value is None and unit is None:
            current = sections.setdefault(label, {})
        elif label != "项目 / Field":
            current[label] = (value, unit, source)
    equity = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    return sections, equity


def test_every_section_of_the_xlsx_is_filled_or_says_it_has_no_source(contracts, tmp_path):
    path = tmp_path / "report.xlsx"
    call_command("transfer_report", "--year", str(YEAR), "--output", str(path), verbosity=0)

    sections, equity = sheet_sections(path)
    titles = list(sections)
    assert len(titles) == 5
    modes, services, received, rewards, spinoffs = (sections[title] for title in titles)
    assert "转让" in titles[0] and "许可" in titles[0] and "作价投资" in titles[0]
    assert modes["转让 / Transfer：合同数 / contracts"][0] == 2
    assert modes["转让 / Transfer：合同金额 / value"][0] == 400000
    assert modes["转让 / Transfer：平均金额 / average value"][0] == 200000
    assert modes["许可 / Licence：合同数 / contracts"][0] == 1
    assert modes["作价投资 / Equity investment：合同金额 / value"][0] == 2000000
    assert (
        modes["转化方式未登记的技术转让合同 / transfer contracts without a recorded mode"][0] == 1
    )
    assert modes["其中向中小微企业转化 / of which to small and micro enterprises"][0] == NO_SOURCE
    assert services["技术开发 / Technology development：合同数 / contracts"][0] == 1
    assert services["技术开发 / Technology development：合同金额 / value"][0] == 400000
    assert services["技术咨询 / Technology consulting：合同数 / contracts"][0] == 0
    assert services["技术服务 / Technology service：平均金额 / average value"][0] == 20000
    assert received["到账金额合计 / money received, total"][0] == 95000
    assert received["许可 / Licence：到账 / received"][0] == 25000
    assert received["技术开发 / Technology development：到账 / received"][0] == 70000
    assert {value for value, _unit, _source in rewards.values()} == {NO_SOURCE}
    assert spinoffs["作价投资形成或参股的企业（累计） / companies invested in, to date"][0] == 1
    assert spinoffs["其中当年新增 / of which new in the year"][0] == 1
    assert spinoffs["持有股份合计 / shares held, total"][0] == 2_000_000
    assert spinoffs["股权当年收益（分红、转让） / income from equity in the year"][0] == NO_SOURCE
    assert equity == [("清芯科技有限公司", 1, 2_000_000, 12.5)]
    # Every field names its source; none without a source shows a number.
    for fields in sections.values():
        for value, unit, source in fields.values():
            assert unit and source
            assert value is not None


def test_the_xlsx_figures_carry_thousands_separators(contracts, tmp_path):
    path = tmp_path / "report.xlsx"
    call_command("transfer_report", "--year", str(YEAR), "--output", str(path), verbosity=0)
    book = openpyxl.load_workbook(path)
    formats = {}
    for label, value in book.worksheets[0].iter_rows(min_row=3, max_col=2):
        if label.value == "转让 / Transfer：合同数 / contracts":
            formats["count"] = value.number_format
        if label.value == "转让 / Transfer：合同金额 / value":
            formats["amount"] = value.number_format
        if label.value == "其中向中小微企业转化 / of which to small and micro enterprises":
            formats["no source"] = value.number_format
    assert formats == {"count": "#,##0", "amount": "#,##0.00", "no source": "General"}
    (company, contracts_cell, shares, percent) = next(book.worksheets[1].iter_rows(min_row=2))
    assert (contracts_cell.number_format, shares.number_format, percent.number_format) == (
        "#,##0",
        "#,##0",
        "#,##0.00",
    )


def test_the_pdf_is_written_when_the_output_ends_with_pdf(contracts, tmp_path):
    path = tmp_path / "report.pdf"
    call_command("transfer_report", "--year", str(YEAR), "--output", str(path), verbosity=0)
    assert path.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    # Amounts to the fen with thousands separators, counts and shares grouped the same way.
    for shown in ("400,000.00", "200,000.00", "2,000,000.00", "2,000,000", "95,000.00", "12.50"):
        assert shown in text, shown
    assert "400000" not in text and "2000000" not in text


def test_headquarters_download_the_report_from_the_admin(staff_client, contracts):
    page = staff_client.get("/admin/agreements/contract/transfer-report/")
    assert page.status_code == 200
    response = staff_client.get(
        "/admin/agreements/contract/transfer-report/", {"year": YEAR, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'transfer-report-{YEAR}.xlsx"')
    bad = staff_client.get("/admin/agreements/contract/transfer-report/", {"year": "19x"})
    assert "1983" in bad.content.decode()


def test_office_staff_cannot_download_the_whole_universitys_report(client, office_staff):
    from apps.regions.tests.factories import CityFactory

    client.force_login(office_staff(city=CityFactory()))
    response = client.get("/admin/agreements/contract/transfer-report/", {"year": YEAR})
    assert response.status_code == 403
