"""Exchange events through the API, on the shared bases (apps.core.testing.api)."""

from apps.core.testing import api
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory


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
