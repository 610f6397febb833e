import io
import uuid
import zipfile

import pypdf
import pytest
from django.conf import settings as django_settings

from apps.api.tests.conftest import (  # noqa: F401 - the API's clients, shared
    admin_api,
    anonymous,
    limited_api,
    limited_user,
    superuser,
)
from apps.regions.tests.factories import CityFactory, ProvinceFactory
from apps.requests import services


@pytest.fixture(autouse=True)
def attachments_root(settings, tmp_path):
    settings.REQUEST_ATTACHMENTS_ROOT = str(tmp_path / "attachments")
    return settings.REQUEST_ATTACHMENTS_ROOT


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Rate-limit counters live in the (Redis) cache: give each test its own key prefix."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-requests-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def staff_addresses(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["triage@example.edu.cn"]
    settings.PUBLIC_BASE_URL = "https://coop.example.edu.cn"


@pytest.fixture
def no_enqueue(monkeypatch):
    """Record what would be handed to the broker instead of handing it."""
    queued = []
    monkeypatch.setattr(services, "enqueue_notification", queued.append)
    return queued


@pytest.fixture
def province():
    return ProvinceFactory(code="640000", name_zh="宁夏回族自治区", name_en="Ningxia")


@pytest.fixture
def city(province):
    return CityFactory(province=province, code="640100", name_zh="银川市", name_en="Yinchuan")


@pytest.fixture
def other_city():
    return CityFactory(
        province=ProvinceFactory(code="320000", name_zh="江苏省", name_en="Jiangsu"),
        code="320500",
        name_zh="苏州市",
        name_en="Suzhou",
    )


def pdf_bytes(size=2000):
    """A real one-page PDF of about ``size`` bytes (the padding is its subject)."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Subject": "x" * max(0, size - 600)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes():
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
        b"\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        )
    return buffer.getvalue()


def executable_bytes():
    """The start of a Windows executable (an MZ header and a PE signature)."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 44
        + (b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 400)
    )


def form_token(client):
    """A submission token as the form gives it to this client's browser session."""
    return client.get("/requests/").context["form"]["submission_token"].value()


@pytest.fixture
def form_data(client, province, city):
    return {
        "organization_name": "宁夏某农业科技有限公司",
        "organization_kind": "private",
        "contact_name": "马经理",
        "email": "ma@example.com",
        "phone": "0951-1234567",
        "province": province.code,
        "city": city.code,
        "industry": "agriculture",
        "title": "盐碱地土壤改良",
        "description": "公司在银川周边有三千亩盐碱地，希望引进燃煤脱硫废弃物改良盐碱土的技术并开展示范。",
        "cooperation_kind": "transfer",
        "budget_range": "1m_5m",
        "timeline": "1y",
        "consent_to_contact": "on",
        "submission_token": form_token(client),
        "website": "",
    }


@pytest.fixture
def submit_kwargs(province, city):
    return {
        "organization_name": "宁夏某农业科技有限公司",
        "organization_kind": "private",
        "contact_name": "马经理",
        "email": "ma@example.com",
        "phone": "0951-1234567",
        "province": province,
        "city": city,
        "industry": "agriculture",
        "title": "盐碱地土壤改良",
        "description": "公司在银川周边有三千亩盐碱地，希望引进脱硫废弃物改良盐碱土的技术。",
        "cooperation_kind": "transfer",
        "budget_range": "1m_5m",
        "timeline": "1y",
        "consent_to_contact": True,
        "language": "zh-hans",
    }


@pytest.fixture
def submitted(submit_kwargs, no_enqueue):
    """A request submitted through the service, as the public form does."""
    return services.request_submit(submission_key=uuid.uuid4().hex, **submit_kwargs).request
