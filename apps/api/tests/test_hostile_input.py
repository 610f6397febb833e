"""Staff writes through the API with valid and hostile bodies: never a server error, and every
400 body an object of field errors (as the schema documents it)."""

import pytest

from apps.regions.tests.factories import CityFactory
from apps.requests.models import TechRequest
from apps.requests.tests.test_api import payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachments_root(settings, tmp_path):
    settings.REQUEST_ATTACHMENTS_ROOT = str(tmp_path / "attachments")


def test_staff_token_creates_a_request_from_a_valid_body(admin_api):
    city = CityFactory()
    response = admin_api.post("/api/v1/requests/", payload(city), format="json")

    assert response.status_code == 201, response.content
    assert TechRequest.objects.get().reference == response.json()["reference"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        [],
        ["not", "an", "object"],
        "just a string",
        {"happened_on": "not a date", "title_zh": 5},
        {"happened_on": "1983-07-01", "title_zh": "a\x00b"},
        {"happened_on": "1983-07-01", "title_zh": "\u200b\u200b"},
        {"happened_on": "1983-07-01", "title_zh": "成立\u202e"},
        {"happened_on": "1983-07-01", "title_zh": "成立", "title_en": "\u200b\u2060"},
        {"happened_on": "99999-01-01", "title_zh": "x" * 10_000},
        {"happened_on": "1983-07-01", "title_zh": "成立", "department": "no-such-code"},
    ],
)
def test_a_bad_milestone_body_is_a_400_object_of_errors(admin_api, body):
    response = admin_api.post("/api/v1/milestones/", body, format="json")

    assert response.status_code == 400, response.content
    assert isinstance(response.json(), dict)


def test_nul_in_an_api_filter_is_a_400_object(admin_api):
    response = admin_api.get("/api/v1/contracts/?province=a%00b")
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title_en", "\u200b\u2060", "only invisible characters"),
        ("title_zh", "成立\u202e大会", "text-direction control character U+202E"),
        ("description_zh", "\u2066成立\u2069", "text-direction control character U+2066"),
    ],
)
def test_a_milestone_text_with_a_bidi_control_or_invisible_only_is_a_400_on_its_field(
    admin_api, field, value, message
):
    body = {"happened_on": "1983-07-01", "title_zh": "成立", field: value}
    response = admin_api.post("/api/v1/milestones/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[field])


@pytest.mark.parametrize("field", ["organization_name", "contact_name", "title"])
def test_a_request_with_a_bidi_control_is_a_400_on_its_field(admin_api, field):
    data = payload(CityFactory())
    data[field] = "\u202e" + data[field]
    response = admin_api.post("/api/v1/requests/", data, format="json")

    assert response.status_code == 400, response.content
    assert "U+202E" in " ".join(response.json()[field])
    assert not TechRequest.objects.exists()
