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


class MembershipViewSet(RecordViewSet):
    """Enterprise memberships of the commission for cooperation with enterprises."""

    queryset = Membership.objects.select_related("organization")
    public_serializer_class = PublicMembershipSerializer
    staff_serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    search_fields = ["organization__name_zh", "organization__name_en"]
    ordering_fields = ["valid_until", "joined_on", "tier", "status"]
    export_basename = "memberships"
