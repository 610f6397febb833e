from rest_framework import serializers

from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.funds.models import CooperationFund, FundContribution, FundGrant
from apps.regions.api.serializers import RegionFieldsMixin

FUND_FIELDS = [
    "id",
    "code",
    "name_zh",
    "name_en",
    "province",
    "province_name",
    "city",
    "city_name",
    "government",
    "government_name",
    "agreement",
    "established_on",
    "committed_amount",
    "purpose_zh",
    "purpose_en",
    "is_illustrative",
]
# A fund's committed size is announced; its individual contributions and grants are not.
FUND_STAFF_FIELDS = [
    "contributed_amount",
    "granted_amount",
    "contributions",
    "grants",
    *RECORD_STAFF_FIELDS,
]


class FundContributionSerializer(serializers.ModelSerializer):
    organization_name = name_of("organization")

    class Meta:
        model = FundContribution
        fields = ["id", "party", "organization", "organization_name", "amount", "contributed_on"]
        read_only_fields = fields


class FundGrantSerializer(serializers.ModelSerializer):
    department = CodeField(read_only=True, allow_null=True)

    class Meta:
        model = FundGrant
        fields = ["id", "title", "project", "department", "amount", "granted_on"]
        read_only_fields = fields


class PublicFundSerializer(RegionFieldsMixin, CleanModelSerializer):
    government_name = name_of("government")

    class Meta:
        model = CooperationFund
        fields = FUND_FIELDS


class FundSerializer(PublicFundSerializer):
    contributed_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    granted_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    contributions = FundContributionSerializer(many=True, read_only=True)
    grants = FundGrantSerializer(many=True, read_only=True)

    class Meta(PublicFundSerializer.Meta):
        fields = FUND_FIELDS + FUND_STAFF_FIELDS
        staff_only_fields = FUND_STAFF_FIELDS
