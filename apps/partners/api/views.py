from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import RECORD_STAFF_COLUMNS, region_columns
from apps.core.rest.pagination import KeysetPagination
from apps.core.rest.viewsets import RecordViewSet
from apps.partners.api.serializers import (
    MembershipSerializer,
    OrganizationSerializer,
    PublicMembershipSerializer,
    PublicOrganizationSerializer,
)
from apps.partners.filters import MembershipFilterSet, OrganizationFilterSet
from apps.partners.models import Membership, Organization


class OrganizationViewSet(RecordViewSet):
    """Partners: local governments, enterprises and other organizations."""

    pagination_class = KeysetPagination
    queryset = Organization.objects.select_related("province", "city")
    public_serializer_class = PublicOrganizationSerializer
    staff_serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    search_fields = ["name_zh", "name_en", "credit_code", "industry"]
    ordering_fields = ["name_zh", "name_en", "kind"]
    export_basename = "organizations"
    export = ExportSpec(
        public=[
            Column("id"),
            Column("kind"),
            Column("ownership"),
            Column("government_level"),
            Column("name_zh"),
            Column("name_en"),
            Column("credit_code"),
            Column("industry"),
            *region_columns(),
            Column("website"),
            Column("is_illustrative"),
        ],
        staff=RECORD_STAFF_COLUMNS,
    )


class MembershipViewSet(RecordViewSet):
    """Enterprise memberships of the commission for cooperation with enterprises."""

    queryset = Membership.objects.select_related("organization")
    public_serializer_class = PublicMembershipSerializer
    staff_serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    search_fields = ["organization__name_zh", "organization__name_en"]
    ordering_fields = ["valid_until", "joined_on", "tier", "status"]
    export_basename = "memberships"
    export = ExportSpec(
        public=[
            Column("id"),
            Column("organization_id"),
            Column("organization_name_zh", "organization__name_zh"),
            Column("tier"),
            Column("joined_on"),
            Column("valid_until"),
            Column("status"),
            Column("is_illustrative"),
        ],
        staff=[Column("annual_fee"), Column("services_note"), *RECORD_STAFF_COLUMNS],
    )
