"""Technology requests through the API: staff only, every write through the workflow services.
The shared bases (apps.core.testing.api) check what every record type's API does; the tests
below them what a request's workflow adds."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from rest_framework.test import APIClient

from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory
from apps.regions.tests.factories import CityFactory
from apps.requests.forms import TechRequestForm
from apps.requests.models import Notification, StatusChange, TechRequest
from apps.requests.tests.factories import TechRequestFactory
from apps.requests.tokens import new_submission_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachments_root(settings, tmp_path):
    settings.REQUEST_ATTACHMENTS_ROOT = str(tmp_path / "attachments")


@pytest.fixture
def city():
    return CityFactory()


@pytest.fixture
def submitted(city):
    return TechRequestFactory(province=city.province, city=city)


def payload(place, **changes):
    data = {
        "organization_name": "银川新材料有限公司",
        "organization_kind": "private",
        "contact_name": "马经理",
        "email": "ma@example.com",
        "phone": "0951-1234567",
        "province": place.province.code,
        "city": place.code,
        "industry": "materials",
        "title": "脱硫石膏的综合利用",
        "description": "我们每年产生大量脱硫石膏，希望与高校合作开发利用技术，变废为宝。",
        "cooperation_kind": "development",
        "budget_range": "1m_5m",
        "timeline": "1y",
        "consent_to_contact": True,
    }
    data.update(changes)
    return data


class TestTechRequestAPI(
    api.ListTests, api.RetrieveTests, api.CreateTests, api.ScopeTests, api.PublicFieldsTests
):
    """Never public; created through the submission service, changed by PATCH and the
    workflow's transitions (tested below), never deleted through the API."""

    model = TechRequest
    factory = TechRequestFactory
    basename = "tech-request"
    # Offices triage their region's requests; partners submit them.
    office_creates = False
    update_data = {"title": "改写"}

    def create_data(self, city):
        return payload(city)


def staff_client(django_user_model, *codenames):
    user = django_user_model.objects.create_user(username="triage", password=None, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="requests", codename__in=codenames)
    )
    client = APIClient()
    client.force_login(user)
    return client


def test_anonymous_users_get_nothing_of_a_request(anonymous, submitted):
    assert anonymous.get("/api/v1/requests/").status_code == 401
    assert anonymous.get(f"/api/v1/requests/{submitted.pk}/").status_code == 401
    assert anonymous.post("/api/v1/requests/", {}, format="json").status_code == 401


def test_staff_without_the_permission_get_nothing(limited_api, submitted):
    assert limited_api.get("/api/v1/requests/").status_code == 403


def test_superuser_reads_contents_but_never_the_tracking_secrets(admin_api, submitted):
    rows = admin_api.get("/api/v1/requests/").json()["results"]

    assert [row["reference"] for row in rows] == [submitted.reference]
    assert rows[0]["contact_name"] == "王工"
    assert rows[0]["description"] == submitted.description
    assert not {"tracking_salt", "tracking_token_hash", "submission_key"} & set(rows[0])


def test_create_goes_through_the_submission_service(admin_api, city):
    response = admin_api.post("/api/v1/requests/", payload(city), format="json")

    assert response.status_code == 201, response.content
    created = TechRequest.objects.get(reference=response.json()["reference"])
    assert created.status == "submitted"
    assert StatusChange.objects.filter(request=created, to_status="submitted").exists()
    assert Notification.objects.filter(request=created, recipients=["ma@example.com"]).exists()


def test_create_with_the_same_key_returns_the_first_request(admin_api, city):
    first = admin_api.post(
        "/api/v1/requests/", payload(city, submission_key="phone-call-17"), format="json"
    )
    again = admin_api.post(
        "/api/v1/requests/", payload(city, submission_key="phone-call-17"), format="json"
    )

    assert first.json()["id"] == again.json()["id"]
    assert TechRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent_to_contact": False}, "consent_to_contact"),
        ({"email": "not-an-email"}, "email"),
        ({"industry": "alchemy"}, "industry"),
    ],
)
def test_create_breaking_a_rule_is_a_400(admin_api, city, changes, field):
    response = admin_api.post("/api/v1/requests/", payload(city, **changes), format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize("field", TechRequestForm.Meta.fields)
def test_create_without_a_field_of_the_form_names_it(admin_api, city, field):
    """The API takes the public form's fields: each one the form requires, left out, is told
    by name (never a server error), and nothing is written."""
    data = payload(city)
    del data[field]

    response = admin_api.post("/api/v1/requests/", data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not TechRequest.objects.exists()


def form_errors(data):
    """The public form's errors for the same values (its token and honeypot apart)."""
    session = SessionStore()
    form = TechRequestForm(
        {**data, "submission_token": new_submission_token(session)}, session=session
    )
    form.is_valid()
    return form.errors


@pytest.mark.parametrize(
    "changes",
    [
        {"phone": "12"},
        {"phone": "电话 0951-1234567"},
        {"description": "太短了"},
        {"description": "   " + "短" * 10 + "   "},
        {"city": None},
        {"title": "\u200b\u200b"},
    ],
)
def test_create_refuses_what_the_form_refuses_in_its_words(admin_api, city, changes):
    data = payload(city, **changes)
    expected = form_errors({k: v for k, v in data.items() if v is not None})

    response = admin_api.post("/api/v1/requests/", data, format="json")

    assert response.status_code == 400, response.content
    [field] = changes
    assert response.json()[field] == expected[field]
    assert not TechRequest.objects.exists()


def test_city_outside_the_province_is_refused(admin_api, city):
    elsewhere = CityFactory()

    response = admin_api.post(
        "/api/v1/requests/", payload(city, city=elsewhere.code), format="json"
    )

    assert response.status_code == 400
    assert "city" in response.json()


def test_workflow_transitions_are_enforced(admin_api, submitted):
    url = f"/api/v1/requests/{submitted.pk}/"

    review = admin_api.post(f"{url}transition/", {"status": "under_review"}, format="json")
    unassigned = admin_api.post(f"{url}transition/", {"status": "matched"}, format="json")
    backwards = admin_api.post(f"{url}transition/", {"status": "submitted"}, format="json")
    assign = admin_api.patch(url, {"assigned_department": DepartmentFactory().code}, format="json")
    matched = admin_api.post(
        f"{url}transition/", {"status": "matched", "message": "化学系将联系您。"}, format="json"
    )
    contracted = admin_api.post(f"{url}transition/", {"status": "contracted"}, format="json")

    assert review.status_code == 200 and review.json()["status"] == "under_review"
    assert unassigned.status_code == 400 and unassigned.json()["status"]
    assert backwards.status_code == 400
    assert assign.status_code == 200, assign.content
    assert matched.status_code == 200 and matched.json()["status"] == "matched"
    assert contracted.status_code == 400
    assert list(
        StatusChange.objects.filter(request=submitted).values_list("to_status", flat=True)
    ) == ["under_review", "matched"]


def test_patch_cannot_rewrite_the_partners_words(admin_api, submitted):
    response = admin_api.patch(
        f"/api/v1/requests/{submitted.pk}/", {"title": "改写"}, format="json"
    )

    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.title == "盐碱地改良"


def test_moving_a_request_needs_the_change_permission(django_user_model, submitted):
    viewer = staff_client(django_user_model, "view_techrequest")

    response = viewer.post(
        f"/api/v1/requests/{submitted.pk}/transition/", {"status": "under_review"}, format="json"
    )

    assert viewer.get("/api/v1/requests/").status_code == 200
    assert response.status_code == 403


def test_request_counts_are_public(anonymous, submitted, city):
    TechRequestFactory.create_batch(2, province=city.province, city=city, status="under_review")

    rows = anonymous.get("/api/v1/stats/requests/", {"group_by": "province"}).json()

    assert rows == [
        {
            "key": city.province.code,
            "label": city.province.name_zh,
            "count": 3,
            "suppressed": False,
        }
    ]


def test_staff_export_requests(admin_api, anonymous, submitted):
    response = admin_api.get("/api/v1/requests/", {"format": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert submitted.reference in text and "王工" in text
    assert anonymous.get("/api/v1/requests/", {"format": "csv"}).status_code == 401
