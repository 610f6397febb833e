"""What anonymous users, a staff member with a few permissions and a superuser see and may change."""

import pytest
from rest_framework.test import APIClient

from apps.api.urls import router
from apps.events.models import ExchangeEvent

pytestmark = pytest.mark.django_db

RECORDS = [
    "departments",
    "milestones",
    "organizations",
    "memberships",
    "agreements",
    "contracts",
    "funds",
    "institutes",
    "offices",
    "projects",
    "events",
]
# Resources the limited staff user holds no permission on: it gets the public view there.
NO_PERMISSION = [name for name in RECORDS if name not in {"contracts", "agreements", "events"}]
VIEWSETS = {prefix: viewset for prefix, viewset, _basename in router.registry}


def staff_only_fields(resource):
    serializer = VIEWSETS[resource].staff_serializer_class
    return set(serializer.Meta.staff_only_fields)


def listed(client, resource, **params):
    response = client.get(f"/api/v1/{resource}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("resource", RECORDS)
def test_anonymous_lists_public_records_without_staff_fields(anonymous, world, resource):
    rows = listed(anonymous, resource)

    ids = {row["id"] for row in rows}
    assert world.public[resource].pk in ids
    assert world.hidden[resource].pk not in ids
    for row in rows:
        assert not set(row) & staff_only_fields(resource)


@pytest.mark.parametrize("resource", RECORDS)
def test_anonymous_cannot_open_a_hidden_record(anonymous, world, resource):
    response = anonymous.get(f"/api/v1/{resource}/{world.hidden[resource].pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("resource", RECORDS)
def test_anonymous_cannot_write(anonymous, world, resource):
    record = world.public[resource]
    url = f"/api/v1/{resource}/{record.pk}/"

    assert anonymous.post(f"/api/v1/{resource}/", {}, format="json").status_code in (401, 403)
    assert anonymous.patch(url, {"is_public": False}, format="json").status_code in (401, 403)
    assert anonymous.delete(url).status_code in (401, 403)
    assert type(record).objects.filter(pk=record.pk, is_public=True).exists()


@pytest.mark.parametrize("resource", RECORDS)
def test_superuser_sees_hidden_records_and_staff_fields(admin_api, world, resource):
    rows = listed(admin_api, resource)

    ids = {row["id"] for row in rows}
    assert {world.public[resource].pk, world.hidden[resource].pk} <= ids
    public_row = next(row for row in rows if row["id"] == world.public[resource].pk)
    assert staff_only_fields(resource) <= set(public_row)


@pytest.mark.parametrize("resource", RECORDS)
def test_superuser_writes_back_what_it_reads(admin_api, world, resource):
    url = f"/api/v1/{resource}/{world.public[resource].pk}/"
    current = admin_api.get(url).json()

    response = admin_api.put(url, current, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["id"] == current["id"]


@pytest.mark.parametrize("resource", RECORDS)
def test_superuser_empty_create_is_a_400_naming_the_fields(admin_api, world, resource):
    response = admin_api.post(f"/api/v1/{resource}/", {}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert errors
    serializer_fields = set(VIEWSETS[resource].staff_serializer_class().fields)
    assert set(errors) <= serializer_fields | {"non_field_errors"}


@pytest.mark.parametrize("resource", NO_PERMISSION)
def test_staff_without_permission_gets_the_public_view_and_cannot_write(
    limited_api, world, resource
):
    rows = listed(limited_api, resource)

    assert world.hidden[resource].pk not in {row["id"] for row in rows}
    assert not set(rows[0]) & staff_only_fields(resource)
    response = limited_api.post(f"/api/v1/{resource}/", {}, format="json")
    assert response.status_code == 403
    url = f"/api/v1/{resource}/{world.public[resource].pk}/"
    assert limited_api.delete(url).status_code == 403


def test_superuser_deletes_an_event_but_not_a_department_still_in_use(admin_api, world):
    event = world.public["events"]
    department = world.public["departments"]

    assert admin_api.delete(f"/api/v1/events/{event.pk}/").status_code == 204
    response = admin_api.delete(f"/api/v1/departments/{department.pk}/")

    assert response.status_code == 409
    assert response.json()["detail"]
    assert not ExchangeEvent.objects.filter(pk=event.pk).exists()


def test_bad_token_is_refused(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/v1/contracts/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_names_follow_the_requested_language(anonymous, world):
    contract = world.public["contracts"]

    english = anonymous.get(f"/api/v1/contracts/{contract.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    chinese = anonymous.get(f"/api/v1/contracts/{contract.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.json()["province_name"] == contract.province.name_en
    assert chinese.json()["province_name"] == contract.province.name_zh
