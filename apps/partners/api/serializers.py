from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.partners.models import Membership, Organization
from apps.regions.models import City, Province

ORGANIZATION_FIELDS = [
    "id",
    "kind",
    "ownership",
    "government_level",
    "name_zh",
    "name_en",
    "credit_code",
    "industry",
    "province",
    "province_name",
    "city",
    "city_name",
    "website",
    "is_illustrative",
]


class PublicOrganizationSerializer(CleanModelSerializer):
    province = CodeField(
        queryset=Province.objects.all(), allow_null=True, required=False, default=None
    )
    province_name = name_of("province")
    city = CodeField(queryset=City.objects.all(), allow_null=True, required=False, default=None)
    city_name = name_of("city")

    class Meta:
        model = Organization
        fields = ORGANIZATION_FIELDS


class OrganizationSerializer(PublicOrganizationSerializer):
    class Meta(PublicOrganizationSerializer.Meta):
        fields = ORGANIZATION_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS


MEMBERSHIP_FIELDS = [
    "id",
    "organization",
    "organization_name",
    "tier",
    "joined_on",
    "valid_until",
    "status",
    "is_illustrative",
]
MEMBERSHIP_STAFF_FIELDS = ["annual_fee", "services_note", *RECORD_STAFF_FIELDS]


class PublicMembershipSerializer(CleanModelSerializer):
    organization_name = name_of("organization")

    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS


class MembershipSerializer(PublicMembershipSerializer):
    class Meta(PublicMembershipSerializer.Meta):
        fields = MEMBERSHIP_FIELDS + MEMBERSHIP_STAFF_FIELDS
        staff_only_fields = MEMBERSHIP_STAFF_FIELDS
