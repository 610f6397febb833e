import django_filters
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import (
    AgreementKind,
    AgreementStatus,
    Contract,
    ContractKind,
    ContractStatus,
    CooperationAgreement,
    Payment,
    ScopeArea,
)
from apps.core.filters import StaffFilterSet, YearFilter, department_filter, related_exists_filter
from apps.regions.filters import CityFilter, RegionFilterSet, province_filter


class CooperationAgreementFilterSet(RegionFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=AgreementKind.choices, label=_("kind"))
    # The status the dates give today (the manager's annotation, ``apps.agreements.lifecycle``).
    status = django_filters.MultipleChoiceFilter(choices=AgreementStatus.choices, label=_("status"))
    year = YearFilter(field_name="signed_on", label=_("year signed"))
    signed_on = django_filters.DateFromToRangeFilter(label=_("signed on"))
    scope_area = related_exists_filter(
        CooperationAgreement.scope_areas.through,
        "cooperationagreement",
        "scopearea",
        to_field_name="code",
        queryset=ScopeArea.objects.all(),
        label=_("scope area (code)"),
    )

    class Meta:
        model = CooperationAgreement
        fields = ["kind", "status", "province", "city", "organization", "year", "scope_area"]


class ContractFilterSet(RegionFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ContractKind.choices, label=_("kind"))
    status = django_filters.MultipleChoiceFilter(choices=ContractStatus.choices, label=_("status"))
    department = department_filter()
    year = YearFilter(field_name="signed_on", label=_("year signed"))
    signed_on = django_filters.DateFromToRangeFilter(label=_("signed on"))
    end_on = django_filters.DateFromToRangeFilter(label=_("ends on"))
    amount = django_filters.RangeFilter(label=_("amount (CNY), staff only"))

    class Meta:
        model = Contract
        fields = [
            "kind",
            "status",
            "department",
            "organization",
            "province",
            "city",
            "agreement",
            "office",
            "year",
        ]
        # One contract's amount is confidential: a range on it could pin a single contract down.
        staff_only = ["amount"]


class PaymentFilterSet(StaffFilterSet):
    contract__province = province_filter("contract__province")
    contract__city = CityFilter(field_name="contract__city")
    contract__department = department_filter("contract__department")
    received = django_filters.BooleanFilter(
        field_name="received_on", lookup_expr="isnull", exclude=True, label=_("received")
    )
    received_on = django_filters.DateFromToRangeFilter(label=_("received on"))
    due_on = django_filters.DateFromToRangeFilter(label=_("due on"))
    year = YearFilter(field_name="received_on", label=_("year received"))
    amount = django_filters.RangeFilter(label=_("amount (CNY), staff only"))

    class Meta:
        model = Payment
        fields = ["contract", "received", "year"]
        staff_only = ["amount"]
