"""Exchange events through the API, on the shared bases (apps.core.testing.api)."""

import pytest

from apps.core.testing import api
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory

pytestmark = pytest.mark.django_db


class TestEventAPI(api.APIViewTestCases):
    model = ExchangeEvent
    factory = ExchangeEventFactory
    basename = "event"
    update_data = {"title_zh": "校地技术成果对接会（更名）", "participants": 150}

    def create_data(self, city):
        return {
            "code": f"api-fair-{city.code}",
            "title_zh": "技术成果对接会",
            "kind": "fair",
            "start_on": "2024-05-10",
            "end_on": "2024-05-11",
            "province": city.province.code,
            "city": city.code,
            "participants": 120,
        }


# --- What this app's resources add, moved from apps/api/tests/test_access.py (its world: one
# public and one hidden record of every resource, apps/api/tests/conftest.py).


def test_staff_with_add_permission_creates_an_event_but_cannot_delete_it(limited_api, world):
    city = world.public["events"].city
    response = limited_api.post(
        "/api/v1/events/",
        {
            "code": "api-fair-2024",
            "title_zh": "技术成果对接会",
            "kind": "fair",
            "start_on": "2024-05-10",
            "end_on": "2024-05-11",
            "province": city.province.code,
            "city": city.code,
            "participants": 120,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    created = ExchangeEvent.objects.get(code="api-fair-2024")
    assert created.city == city
    assert limited_api.delete(f"/api/v1/events/{created.pk}/").status_code == 403
