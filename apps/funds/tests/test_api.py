"""Cooperation funds through the API, on the shared bases (apps.core.testing.api)."""

from apps.core.testing import api
from apps.funds.models import CooperationFund
from apps.funds.tests.factories import CooperationFundFactory


class TestFundAPI(api.APIViewTestCases):
    model = CooperationFund
    factory = CooperationFundFactory
    basename = "fund"
    update_data = {"name_zh": "校地合作基金（更名）", "committed_amount": "60000000.00"}

    def create_data(self, city):
        return {
            "code": f"api-fund-{city.code}",
            "name_zh": "校地科技合作基金",
            "province": city.province.code,
            "city": city.code,
            "established_on": "2021-03-01",
            "committed_amount": "30000000.00",
        }
