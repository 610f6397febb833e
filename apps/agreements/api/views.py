from apps.agreements.api.serializers import (
    AgreementSerializer,
    ContractSerializer,
    PaymentSerializer,
    PublicAgreementSerializer,
    PublicContractSerializer,
)
from apps.agreements.filters import (
    ContractFilterSet,
    CooperationAgreementFilterSet,
    PaymentFilterSet,
)
from apps.agreements.models import Contract, CooperationAgreement, Payment
from apps.core.rest.pagination import KeysetPagination
from apps.core.rest.permissions import StaffOnlyModelPermissions
from apps.core.rest.viewsets import RecordViewSet


class AgreementViewSet(RecordViewSet):
    """Framework agreements with provinces, cities and enterprises."""

    queryset = CooperationAgreement.objects.select_related(
        "province", "city", "organization"
    ).prefetch_related("scope_areas")
    public_serializer_class = PublicAgreementSerializer
    staff_serializer_class = AgreementSerializer
    filterset_class = CooperationAgreementFilterSet
    search_fields = ["number", "title_zh", "title_en", "organization__name_zh"]
    ordering_fields = ["signed_on", "number", "end_on"]
    export_basename = "agreements"


class ContractViewSet(RecordViewSet):
    """Technology contracts. Anonymous users never see a contract's amount, payments or
    principal investigator; the aggregate endpoints give sums over groups of contracts."""

    pagination_class = KeysetPagination
    queryset = Contract.objects.select_related(
        "department", "organization", "province", "city", "office"
    )
    public_serializer_class = PublicContractSerializer
    staff_serializer_class = ContractSerializer
    filterset_class = ContractFilterSet
    search_fields = ["number", "title_zh", "title_en", "organization__name_zh"]
    export_basename = "contracts"

    @property
    def ordering_fields(self):
        # Ordering by amount would rank confidential amounts, so only for those who see them.
        fields = ["signed_on", "number", "end_on"]
        return [*fields, "amount"] if self.sees_confidential() else fields

    def staff_queryset(self, queryset):
        return queryset.with_received()


class PaymentViewSet(RecordViewSet):
    """Instalments of contracts: staff only (reading needs the payment view permission)."""

    pagination_class = KeysetPagination
    queryset = Payment.objects.select_related("contract")
    permission_classes = [StaffOnlyModelPermissions]
    public_serializer_class = PaymentSerializer
    staff_serializer_class = PaymentSerializer
    filterset_class = PaymentFilterSet
    search_fields = ["contract__number", "note"]
    ordering_fields = ["received_on", "due_on", "amount", "instalment"]
    export_basename = "payments"

    def public_queryset(self, queryset):
        return queryset.none()
