"""Failing services and refused methods: a 503 page in the visitor's language when the
database or the broker fails during a request, nothing half-saved; TRACE refused."""

import pytest
from django.db import OperationalError
from django.test import Client

from apps.api import aggregates
from apps.public import selectors
from apps.requests import services
from apps.requests.models import TechRequest
from apps.requests.tests.conftest import form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    return lambda target, name: monkeypatch.setattr(target, name, fail)


def test_a_database_failure_is_a_503_page_in_the_visitors_language(visitor, sample, database_down):
    database_down(selectors, "home_overview")

    chinese = visitor.get("/")
    english = visitor.get("/en/")

    assert chinese.status_code == english.status_code == 503
    assert chinese["Retry-After"] == "30"
    assert "门户暂时无法连接数据库或消息服务" in chinese.content.decode()
    assert "cannot reach its database or message service" in english.content.decode()


def test_a_database_failure_in_the_api_is_a_503_object(visitor, sample, database_down):
    database_down(aggregates.SummaryView, "get")
    response = visitor.get("/api/v1/stats/summary/")
    assert response.status_code == 503
    assert "detail" in response.json()


def test_a_failure_while_saving_a_request_saves_nothing_half(visitor, sample, database_down):
    database_down(services, "_notify")
    data = {
        "organization_name": "宁夏某农业科技有限公司",
        "organization_kind": "private",
        "contact_name": "马经理",
        "email": "ma@example.com",
        "phone": "0951-1234567",
        "province": sample.ningxia.code,
        "city": sample.yinchuan.code,
        "industry": "agriculture",
        "title": "盐碱地土壤改良",
        "description": "公司在银川周边有三千亩盐碱地，希望引进燃煤脱硫废弃物改良盐碱土的技术并开展示范。",
        "cooperation_kind": "transfer",
        "budget_range": "1m_5m",
        "timeline": "1y",
        "consent_to_contact": "on",
        "submission_token": form_token(visitor),
    }

    response = visitor.post("/requests/", data)

    assert response.status_code == 503
    assert "您填写的内容仍保留在浏览器中" in response.content.decode()
    assert not TechRequest.objects.exists()


def test_trace_is_refused(visitor):
    response = visitor.generic("TRACE", "/")
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]


@pytest.mark.parametrize("path", ["/regions/a%00b/", "/cities/a%00b/", "/projects/a%01b/"])
def test_a_control_character_in_the_path_names_no_page(visitor, path):
    assert visitor.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/events/", "/projects/", "/search/", "/offices/", "/requests/cities/"]
)
def test_a_nul_in_the_query_is_a_clear_400_in_the_visitors_language(visitor, path):
    chinese = visitor.get(f"{path}?province=a%00b")
    english = visitor.get(f"/en{path}?province=a%00b")

    assert chinese.status_code == english.status_code == 400
    assert "网址中含有控制字符" in chinese.content.decode()
    assert "The address contains control characters" in english.content.decode()


def test_an_overlong_query_value_is_a_400(visitor):
    response = visitor.get("/search/?q=" + "汽" * 1001)
    assert response.status_code == 400
    assert "1000" in response.content.decode()
