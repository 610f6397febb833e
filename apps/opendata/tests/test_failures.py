"""A download that loses the database: before its first byte the 503 page like any page;
after it, the file ends with a line saying it is incomplete, and the failure is logged."""

import csv
import io
import logging

import pytest
from django.test import Client

from apps.core.tests.database import terminate_backend
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory
from apps.regions.tests.factories import CityFactory

pytestmark = pytest.mark.django_db

# More rows than a download reads from its cursor at once (2,000), so that losing the
# database after the first chunk fails the next read.
EVENTS = 2_100


@pytest.fixture
def many_events():
    city = CityFactory()
    ExchangeEvent.objects.bulk_create(
        ExchangeEventFactory.build_batch(EVENTS, city=city, province=city.province)
    )


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def rows_of(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("prefix", "notice"),
    [("", "下载不完整"), ("/en", "This download is incomplete")],
)
def test_a_download_that_loses_the_database_midway_ends_with_a_notice(
    visitor, many_events, caplog, prefix, notice
):
    response = visitor.get(f"{prefix}/data/events.csv")
    assert response.status_code == 200
    chunks = iter(response.streaming_content)
    first = next(chunks)
    terminate_backend()

    with caplog.at_level(logging.ERROR):
        rows = rows_of(first + b"".join(chunks))

    assert rows[0][0] == "id"
    assert 1 < len(rows) - 1 < EVENTS + 1
    assert len(rows[-1]) == 1 and notice in rows[-1][0]
    assert any(
        record.levelno == logging.ERROR and "events.csv" in record.getMessage()
        for record in caplog.records
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_download_that_loses_the_database_before_its_first_byte_is_the_503_page(
    visitor, many_events, fmt
):
    terminate_backend()

    chinese = visitor.get(f"/data/events.{fmt}")

    assert chinese.status_code == 503
    assert chinese["Retry-After"] == "30"
    assert "门户暂时无法连接数据库或消息服务" in chinese.content.decode()


def test_a_json_download_that_loses_the_database_midway_is_no_valid_document(
    visitor, many_events, caplog
):
    response = visitor.get("/en/data/events.json")
    chunks = iter(response.streaming_content)
    first = next(chunks)
    terminate_backend()

    with caplog.at_level(logging.ERROR):
        text = (first + b"".join(chunks)).decode()

    assert text.rstrip().endswith("Download the file again.")
    assert "This download is incomplete" in text.splitlines()[-1]
