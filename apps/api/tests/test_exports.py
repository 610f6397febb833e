"""CSV and XLSX downloads of filtered lists: the right rows, the right columns, streamed."""

import csv
import datetime
import io
import logging
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from apps.agreements.tests.factories import ContractFactory
from apps.core.tests.database import terminate_backend
from apps.core.tests.factories import DepartmentFactory
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(db):
    """12 contracts: 5 public in the first city in 2019, 3 public elsewhere or another year,
    and 4 hidden ones in the first city in 2019."""
    here, there = CityFactory(), CityFactory()
    department = DepartmentFactory()
    local = OrganizationFactory(city=here, province=here.province)
    remote = OrganizationFactory(city=there, province=there.province)

    def make(organization, signed_on, count, **extra):
        return ContractFactory.create_batch(
            count,
            organization=organization,
            department=department,
            signed_on=signed_on,
            amount=Decimal("250000.00"),
            **extra,
        )

    make(local, datetime.date(2019, 4, 1), 5)
    make(local, datetime.date(2020, 4, 1), 2)
    make(remote, datetime.date(2019, 4, 1), 1)
    make(local, datetime.date(2019, 5, 1), 4, is_public=False)
    return here


def read_csv(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_xlsx(response):
    assert isinstance(response, FileResponse)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_filtered_xlsx_holds_exactly_the_filtered_rows(anonymous, contracts):
    city = contracts
    response = anonymous.get(
        "/api/v1/contracts/", {"city": city.code, "year": 2019, "format": "xlsx"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="contracts-')
    header, rows = read_xlsx(response)
    assert len(rows) == 5
    numbers = {row[header.index("number")] for row in rows}
    listed = anonymous.get(
        "/api/v1/contracts/", {"city": city.code, "year": 2019, "page_size": 100}
    ).json()["results"]
    assert numbers == {row["number"] for row in listed}
    assert {row[header.index("city_code")] for row in rows} == {city.code}


def test_staff_xlsx_has_every_column_and_the_hidden_rows(admin_api, contracts):
    response = admin_api.get(
        "/api/v1/contracts/", {"city": contracts.code, "year": 2019, "format": "xlsx"}
    )

    header, rows = read_xlsx(response)
    assert len(rows) == 9
    assert {"amount", "principal_investigator", "received_amount", "is_public"} <= set(header)
    assert {row[header.index("amount")] for row in rows} == {250000}


def test_public_csv_has_public_columns_only(anonymous, contracts):
    response = anonymous.get("/api/v1/contracts/", {"format": "csv", "year": 2019})

    rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 6
    assert "amount" not in rows[0] and "principal_investigator" not in rows[0]
    assert rows[0]["province_code"]


def read_file(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_anyones_whole_list_is_the_open_data_file_built_once(anonymous, many_events):
    response = anonymous.get("/api/v1/events/", {"format": "csv"})
    assert response.status_code == 302
    assert response["Location"] == "/data/events.csv"
    whole = anonymous.get(response["Location"])
    rows = list(csv.DictReader(io.StringIO(read_file(whole))))
    assert len(rows) == EVENTS
    assert anonymous.get("/api/v1/events/", {"format": "xlsx"})["Location"] == ("/data/events.xlsx")


def test_anyones_filtered_download_is_bounded_and_says_where_the_rest_is(
    anonymous, admin_api, contracts, settings
):
    settings.API_ANONYMOUS_EXPORT_ROWS = 4
    text = read_file(anonymous.get("/api/v1/contracts/", {"format": "csv", "year": 2019}))
    lines = list(csv.reader(io.StringIO(text)))
    assert len(lines) == 1 + 4 + 1
    # Contracts have no open dataset of their own (their amounts are confidential one by one).
    assert lines[-1][0] == "Only the first 4 rows: narrow the filters for the rest."
    text = read_file(anonymous.get("/api/v1/contracts/", {"format": "csv"}))
    assert len(list(csv.reader(io.StringIO(text)))) == 1 + 4 + 1
    # Staff downloads are not bounded.
    staff = read_csv(admin_api.get("/api/v1/contracts/", {"format": "csv", "year": 2019}))
    assert len(staff) == 10


def test_staff_csv_has_amounts(admin_api, contracts):
    rows = read_csv(admin_api.get("/api/v1/contracts/", {"format": "csv", "year": 2020}))

    assert [row["amount"] for row in rows] == ["250000.00", "250000.00"]
    assert {row["is_public"] for row in rows} == {"true"}


def test_csv_takes_the_accept_header_too(anonymous, contracts):
    response = anonymous.get("/api/v1/contracts/", {"year": 2019}, HTTP_ACCEPT="text/csv")

    assert len(read_csv(response)) == 6


def test_anonymous_cannot_filter_a_download_by_amount(anonymous, admin_api, contracts):
    public = read_csv(anonymous.get("/api/v1/contracts/", {"format": "csv", "amount_min": 10**9}))
    staff = read_csv(admin_api.get("/api/v1/contracts/", {"format": "csv", "amount_min": 10**9}))

    assert len(public) == 8
    assert staff == []


def test_a_bad_filter_on_a_download_is_a_json_400(anonymous, contracts):
    response = anonymous.get("/api/v1/contracts/", {"format": "xlsx", "year": "soon"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "year" in response.json()


def test_every_list_offers_downloads(anonymous, contracts):
    for resource in ["provinces", "cities", "organizations", "projects", "offices", "funds"]:
        response = anonymous.get(f"/api/v1/{resource}/", {"format": "csv"}, follow=True)
        assert response.status_code == 200, resource
        assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_details_offer_no_download(anonymous, contracts):
    contract_id = anonymous.get("/api/v1/contracts/").json()["results"][0]["id"]

    assert anonymous.get(f"/api/v1/contracts/{contract_id}/", {"format": "csv"}).status_code == 404


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(admin_api, contracts):
    ContractFactory(title_zh='=HYPERLINK("http://x")', organization=OrganizationFactory())

    response = admin_api.get("/api/v1/contracts/", {"format": "xlsx", "search": "HYPERLINK"})

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header = [cell.value for cell in workbook.active[1]]
    cell = workbook.active.cell(row=2, column=header.index("title_zh") + 1)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_csv_defuses_formulas(admin_api, contracts):
    ContractFactory(title_zh="=1+2", organization=OrganizationFactory())

    rows = read_csv(admin_api.get("/api/v1/contracts/", {"format": "csv", "search": "=1+2"}))

    assert [row["title_zh"] for row in rows] == ["'=1+2"]


# More rows than a download reads from its cursor at once (2,000): losing the database after
# the first chunk fails the next read.
EVENTS = 2_100


@pytest.fixture
def many_events():
    city = CityFactory()
    ExchangeEvent.objects.bulk_create(
        ExchangeEventFactory.build_batch(EVENTS, city=city, province=city.province)
    )


@pytest.mark.parametrize(
    ("language", "notice"), [("zh-hans", "下载不完整"), ("en", "This download is incomplete")]
)
def test_a_csv_download_that_loses_the_database_midway_ends_with_a_notice(
    many_events, caplog, language, notice
):
    anonymous = APIClient(raise_request_exception=False)
    response = anonymous.get(
        "/api/v1/events/?format=csv&ordering=start_on", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    chunks = iter(response.streaming_content)
    first = next(chunks)
    terminate_backend()

    with caplog.at_level(logging.ERROR):
        text = (first + b"".join(chunks)).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text)))
    assert 1 < len(rows) - 1 < EVENTS + 1
    assert len(rows[-1]) == 1 and notice in rows[-1][0]
    assert any(
        record.levelno == logging.ERROR and "events" in record.getMessage()
        for record in caplog.records
    )


def test_a_download_that_loses_the_database_before_its_first_byte_is_a_503(many_events):
    anonymous = APIClient(raise_request_exception=False)
    terminate_backend()

    response = anonymous.get("/api/v1/events/?format=csv&ordering=start_on")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "detail" in response.json()
