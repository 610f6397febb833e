"""Cooperation offices through the API, on the shared bases (apps.core.testing.api)."""

from apps.core.testing import api
from apps.offices.models import CooperationOffice
from apps.offices.tests.factories import CooperationOfficeFactory


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
