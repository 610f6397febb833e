"""Cooperation funds through the API, on the shared bases (apps.core.testing.api)."""

import pytest

from apps.core.testing import api
from apps.funds.models import CooperationFund
from apps.funds.tests.factories import CooperationFundFactory

pytestmark = pytest.mark.django_db


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


# --- What this app's resources add, moved from apps/api/tests/test_access.py (its world: one
# public and one hidden record of every resource, apps/api/tests/conftest.py).


def test_funds_show_sizes_publicly_and_contributions_to_staff(anonymous, admin_api, world):
    fund = world.public["funds"]

    public_view = anonymous.get(f"/api/v1/funds/{fund.pk}/").json()
    staff_view = admin_api.get(f"/api/v1/funds/{fund.pk}/").json()

    assert public_view["committed_amount"] == "50000000.00"
    assert "grants" not in public_view
    assert staff_view["contributed_amount"] == "10000000.00"
    assert [grant["amount"] for grant in staff_view["grants"]] == ["1000000.00"]
