from django.db.models import OuterRef

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
from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import RECORD_STAFF_COLUMNS, list_column, region_columns
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
    export = ExportSpec(
        public=[
            Column("id"),
            Column("number"),
            Column("title_zh"),
            Column("title_en"),
            Column("kind"),
            Column("status"),
            *region_columns(),
            Column("organization_id"),
            Column("organization_name_zh", "organization__name_zh"),
            Column("signed_on"),
            Column("start_on"),
            Column("end_on"),
            list_column(
                "scope_areas",
                CooperationAgreement.scope_areas.through.objects.filter(
                    cooperationagreement=OuterRef("pk")
                ).values("scopearea__code"),
            ),
            Column("summary_zh"),
            Column("summary_en"),
            Column("is_illustrative"),
        ],
        staff=RECORD_STAFF_COLUMNS,
    )


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
    export = ExportSpec(
        public=[
            Column("id"),
            Column("number"),
            Column("title_zh"),
            Column("title_en"),
            Column("kind"),
            Column("status"),
            Column("department_code", "department__code"),
            Column("department_name_zh", "department__name_zh"),
            Column("organization_id"),
            Column("organization_name_zh", "organization__name_zh"),
            *region_columns(),
            Column("agreement_id"),
            Column("office_code", "office__code"),
            Column("signed_on"),
            Column("start_on"),
            Column("end_on"),
            Column("is_illustrative"),
        ],
        staff=[
            Column("principal_investigator"),
            Column("amount"),
            Column("received_amount"),
            *RECORD_STAFF_COLUMNS,
        ],
    )

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
    export = ExportSpec(
        public=[],
        staff=[
            Column("id"),
            Column("contract_id"),
            Column("contract_number", "contract__number"),
            Column("instalment"),
            Column("amount"),
            Column("due_on"),
            Column("received_on"),
            Column("note"),
            Column("created_at"),
            Column("updated_at"),
        ],
    )

    def public_queryset(self, queryset):
        return queryset.none()
