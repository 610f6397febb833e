"""Partner organizations and memberships through the API, on the shared bases
(apps.core.testing.api)."""

from decimal import Decimal

from apps.core.testing import api
from apps.partners.models import Membership, Organization
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory


class TestOrganizationAPI(api.APIViewTestCases):
    model = Organization
    factory = OrganizationFactory
    basename = "organization"
    update_data = {"name_zh": "测试企业（更名）有限公司", "website": "https://example.com/"}

    def create_data(self, city):
        return {
            "kind": "enterprise",
            "ownership": "private",
            "name_zh": f"银川新材料{city.code}有限公司",
            "province": city.province.code,
            "city": city.code,
            "industry": "materials",
        }


class TestMembershipAPI(api.APIViewTestCases):
    model = Membership
    factory = MembershipFactory
    basename = "membership"
    # A member's fee and the services agreed with it are for staff.
    staff_only = ("annual_fee", "services_note")
    private_values = {"annual_fee": Decimal("50000.00"), "services_note": "专属技术咨询服务"}
    update_data = {"tier": "senior", "valid_until": "2032-12-31"}

    def make(self, city, **fields):
        fields.setdefault("organization", OrganizationFactory(city=city, province=city.province))
        return self.factory(**fields)

    def create_data(self, city):
        organization = OrganizationFactory(city=city, province=city.province)
        return {
            "organization": organization.pk,
            "tier": "regular",
            "joined_on": "2024-01-01",
            "valid_until": "2026-12-31",
            "annual_fee": "30000.00",
        }
