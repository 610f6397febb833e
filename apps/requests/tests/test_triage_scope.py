"""Office staff triage the technology requests of their own region; the funnel and the
triage pages check permission and scope."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.models import Role
from apps.accounts.tests.conftest import make_staff
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.regions.models import CityLevel
from apps.regions.tests.factories import CityFactory
from apps.requests import services
from apps.requests.choices import RequestStatus
from apps.requests.tests.conftest import png_bytes
from apps.requests.tests.factories import TechRequestFactory
from apps.requests.tests.test_admin import admin_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(city, other_city):
    district = CityFactory(province=city.province, parent=city, level=CityLevel.COUNTY)
    return {"city": city, "district": district, "other": other_city}


@pytest.fixture
def requests(places):
    return {
        name: TechRequestFactory(province=place.province, city=place, title=f"需求-{name}")
        for name, place in places.items()
    }


@pytest.fixture
def office_client(client, django_user_model, places):
    user = make_staff(django_user_model, "office-triage", Role.OFFICE, city=places["city"])
    client.force_login(user)
    return client


def test_office_staff_triage_own_region_requests(office_client, requests):
    listing = office_client.get("/admin/requests/techrequest/")
    assert listing.status_code == 200
    shown = {tech_request.pk for tech_request in listing.context["cl"].result_list}
    assert shown == {requests["city"].pk, requests["district"].pk}

    own = requests["district"]
    page = office_client.get(f"/admin/requests/techrequest/{own.pk}/change/")
    assert page.status_code == 200
    moved = admin_post(
        office_client,
        own,
        new_status=RequestStatus.UNDER_REVIEW,
        internal_note="本地办公室已联系企业",
    )
    assert moved.status_code == 302, moved.context and moved.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.status == RequestStatus.UNDER_REVIEW

    other = requests["other"]
    refused = office_client.get(f"/admin/requests/techrequest/{other.pk}/change/")
    assert refused.status_code == 302  # the admin's "no such object" redirect
    admin_post(office_client, other, new_status=RequestStatus.UNDER_REVIEW)
    other.refresh_from_db()
    assert other.status == RequestStatus.SUBMITTED


def test_funnel_requires_request_permission(client, django_user_model, requests, places):
    clerk = django_user_model.objects.create_user(username="contracts-clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_contract"))
    client.force_login(clerk)

    assert client.get("/admin/requests/techrequest/funnel/").status_code == 403

    office = make_staff(django_user_model, "office-funnel", Role.OFFICE, city=places["city"])
    client.force_login(office)
    funnel = client.get("/admin/requests/techrequest/funnel/")
    assert funnel.status_code == 200
    assert funnel.context["totals"]["received"] == 2
    assert {row["province__code"] for row in funnel.context["rows"]} == {
        places["city"].province.code
    }


def test_office_api_cannot_hand_a_request_to_another_region(django_user_model, requests, places):
    user = make_staff(django_user_model, "office-api", Role.OFFICE, city=places["city"])
    api = APIClient()
    api.force_authenticate(user)
    own = requests["city"]
    elsewhere = CooperationOfficeFactory(
        province=places["other"].province, city=places["other"], code="far-office"
    )

    refused = api.patch(
        f"/api/v1/requests/{own.pk}/",
        {"assigned_office": elsewhere.code},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert refused.status_code == 400, refused.content
    assert refused.json() == {"assigned_office": ["No such record in your region."]}
    own.refresh_from_db()
    assert own.assigned_office is None
    assert api.get(f"/api/v1/requests/{requests['other'].pk}/").status_code == 404


def test_office_staff_open_attachments_of_own_region_only(
    office_client, submit_kwargs, no_enqueue, places
):
    own = services.request_submit(
        submission_key="own-region",
        attachments=[SimpleUploadedFile("own.png", png_bytes())],
        **submit_kwargs,
    ).request
    elsewhere = services.request_submit(
        submission_key="other-region",
        attachments=[SimpleUploadedFile("other.png", png_bytes())],
        **{**submit_kwargs, "province": places["other"].province, "city": places["other"]},
    ).request

    def download(tech_request):
        attachment = tech_request.attachments.get()
        return office_client.get(reverse("requests:attachment", args=[attachment.pk]))

    assert download(own).status_code == 200
    assert download(elsewhere).status_code == 404
