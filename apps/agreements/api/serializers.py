from rest_framework import serializers

from apps.agreements.models import (
    AgreementStatus,
    Contract,
    CooperationAgreement,
    Payment,
    ScopeArea,
)
from apps.core.models import Department
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.offices.models import CooperationOffice
from apps.regions.api.serializers import RegionFieldsMixin
from apps.regions.models import Province

AGREEMENT_FIELDS = [
    "id",
    "number",
    "title_zh",
    "title_en",
    "kind",
    "status",
    "province",
    "province_name",
    "city",
    "city_name",
    "organization",
    "organization_name",
    "signed_on",
    "start_on",
    "end_on",
    "open_term",
    "review_on",
    "renews",
    "terminated_on",
    "termination_reason",
    "scope_areas",
    "summary_zh",
    "summary_en",
    "is_illustrative",
]


class PublicAgreementSerializer(RegionFieldsMixin, CleanModelSerializer):
    # An agreement may be with an enterprise alone, so its province is optional here.
    province = CodeField(
        queryset=Province.objects.all(), allow_null=True, required=False, default=None
    )
    organization_name = name_of("organization")
    scope_areas = CodeField(queryset=ScopeArea.objects.all(), many=True, required=False)
    # Computed from the dates as of the request (``apps.agreements.lifecycle``); never written.
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)

    class Meta:
        model = CooperationAgreement
        fields = AGREEMENT_FIELDS


class AgreementSerializer(PublicAgreementSerializer):
    class Meta(PublicAgreementSerializer.Meta):
        fields = AGREEMENT_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS


CONTRACT_FIELDS = [
    "id",
    "number",
    "title_zh",
    "title_en",
    "kind",
    "status",
    "department",
    "department_name",
    "organization",
    "organization_name",
    "province",
    "province_name",
    "city",
    "city_name",
    "agreement",
    "office",
    "signed_on",
    "start_on",
    "end_on",
    "transfer_mode",
    "equity_company",
    "is_illustrative",
]
# One contract's amount and payments are confidential; the principal investigator is a named
# person tied to that confidential contract, so personal data here.
CONTRACT_STAFF_FIELDS = [
    "principal_investigator",
    "amount",
    "received_amount",
    # What the university holds in a company is as confidential as the amount.
    "equity_shares",
    "equity_percent",
    *RECORD_STAFF_FIELDS,
]


class PublicContractSerializer(RegionFieldsMixin, CleanModelSerializer):
    department = CodeField(queryset=Department.objects.all())
    department_name = name_of("department")
    organization_name = name_of("organization")
    office = CodeField(
        queryset=CooperationOffice.objects.all(), allow_null=True, required=False, default=None
    )

    class Meta:
        model = Contract
        fields = CONTRACT_FIELDS


class ContractSerializer(PublicContractSerializer):
    received_amount = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        read_only=True,
        help_text="Sum of the payments received so far (CNY).",
    )

    class Meta(PublicContractSerializer.Meta):
        fields = CONTRACT_FIELDS + CONTRACT_STAFF_FIELDS
        staff_only_fields = CONTRACT_STAFF_FIELDS


class PaymentSerializer(CleanModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "contract",
            "contract_number",
            "instalment",
            "amount",
            "due_on",
            "received_on",
            "note",
            "created_at",
            "updated_at",
        ]
