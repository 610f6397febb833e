"""Cooperation offices through the API, on the shared bases (apps.core.testing.api)."""

import pytest

from apps.core.testing import api
from apps.offices.models import CooperationOffice
from apps.offices.tests.factories import CooperationOfficeFactory

pytestmark = pytest.mark.django_db


class TestOfficeAPI(api.APIViewTestCases):
    model = CooperationOffice
    factory = CooperationOfficeFactory
    basename = "office"
    # A person's name, telephone and e-mail: never in a public answer.
    private_values = {
        "contact_name": "李老师",
        "contact_phone": "010-62780000",
        "contact_email": "li@example.edu.cn",
    }
    update_data = {"name_zh": "校地合作办公室（更名）", "closed_on": "2024-12-31"}

    def create_data(self, city):
        return {
            "code": f"api-office-{city.code}",
            "name_zh": "清华大学校地合作办公室",
            "province": city.province.code,
            "city": city.code,
            "opened_on": "2020-01-01",
            "contact_name": "王老师",
        }


# --- What this app's resources add, moved from apps/api/tests/test_access.py (its world: one
# public and one hidden record of every resource, apps/api/tests/conftest.py).


def test_anonymous_does_not_see_office_contacts(anonymous, admin_api, world):
    office = world.public["offices"]

    public_view = anonymous.get(f"/api/v1/offices/{office.pk}/").json()
    staff_view = admin_api.get(f"/api/v1/offices/{office.pk}/").json()

    assert "contact_phone" not in public_view and "contact_email" not in public_view
    assert staff_view["contact_name"] == "李老师"
    assert public_view["duties"] == ["liaison"]
    assert len(public_view["practice_bases"]) == 1
