from django.db.models import Prefetch

from apps.core.rest.fields import sum_of
from apps.core.rest.viewsets import RecordViewSet
from apps.funds.api.serializers import FundSerializer, PublicFundSerializer
from apps.funds.filters import CooperationFundFilterSet
from apps.funds.models import CooperationFund, FundContribution, FundGrant


class FundViewSet(RecordViewSet):
    """Cooperation funds set up with local governments."""

    queryset = CooperationFund.objects.select_related("province", "city", "government")
    public_serializer_class = PublicFundSerializer
    staff_serializer_class = FundSerializer
    filterset_class = CooperationFundFilterSet
    search_fields = ["code", "name_zh", "name_en"]
    ordering_fields = ["established_on", "code", "committed_amount"]
    export_basename = "funds"

    def staff_queryset(self, queryset):
        return queryset.annotate(
            contributed_amount=sum_of(FundContribution, "fund"),
            granted_amount=sum_of(FundGrant, "fund"),
        ).prefetch_related(
            Prefetch(
                "contributions", queryset=FundContribution.objects.select_related("organization")
            ),
            Prefetch("grants", queryset=FundGrant.objects.select_related("department")),
        )
