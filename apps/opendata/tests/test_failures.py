"""A download and a lost database: a file is built whole before any of it is sent
(apps.core.prebuilt), so a visitor gets the 503 page like any page, or the whole file."""

import csv
import io

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


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_built_download_is_sent_whole_even_with_the_database_lost(visitor, many_events, prefix):
    built = b"".join(visitor.get(f"{prefix}/data/events.csv").streaming_content)
    terminate_backend()

    again = visitor.get(f"{prefix}/data/events.csv")

    assert again.status_code == 200
    assert b"".join(again.streaming_content) == built
    rows = rows_of(built)
    assert rows[0][0] == "id" and len(rows) == EVENTS + 1


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_download_that_loses_the_database_before_its_first_byte_is_the_503_page(
    visitor, many_events, fmt
):
    terminate_backend()

    chinese = visitor.get(f"/data/events.{fmt}")

    assert chinese.status_code == 503
    assert chinese["Retry-After"] == "30"
    assert "门户暂时无法连接数据库或消息服务" in chinese.content.decode()


def test_a_json_download_is_one_valid_document(visitor, many_events):
    import json

    document = json.loads(b"".join(visitor.get("/en/data/events.json").streaming_content))
    assert document["dataset"] == "events" and len(document["rows"]) == EVENTS
