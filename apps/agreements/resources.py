"""The spreadsheet import of contracts and their payments (``import_resource=`` on their
registrations; the machinery is ``apps.core.importing``)."""

from django.utils.translation import gettext_lazy as _

from apps.agreements.models import Contract, Payment
from apps.core.importing import (
    END_AFTER_START,
    LookupWidget,
    StaffResource,
    lookup_field,
    related_field,
)
from apps.regions.importing import region_fields


class ContractResource(StaffResource):
    department = related_field(Contract, "department")
    organization = related_field(Contract, "organization")
    province, city = region_fields()
    agreement = related_field(Contract, "agreement")
    office = related_field(Contract, "office")
    constraint_messages = {
        "agreements_contract_amount_not_negative": (
            "amount",
            _("The amount cannot be negative."),
        ),
        "agreements_contract_end_after_start": ("end_on", END_AFTER_START),
    }

    class Meta(StaffResource.Meta):
        model = Contract
        import_id_fields = ("number",)
        fields = (
            "number",
            "title_zh",
            "title_en",
            "kind",
            "status",
            "department",
            "principal_investigator",
            "organization",
            "province",
            "city",
            "agreement",
            "office",
            "signed_on",
            "start_on",
            "end_on",
            "amount",
            "is_public",
        )


class PaymentResource(StaffResource):
    contract = lookup_field(
        "contract",
        LookupWidget(
            Contract,
            ("number",),
            queryset=Contract.objects.select_related("city").only(
                "pk", "number", "province_id", "city_id", "city__parent_id"
            ),
        ),
    )
    constraint_messages = {
        "agreements_payment_amount_positive": ("amount", _("The amount must be above zero.")),
        "agreements_payment_has_date": (
            "due_on",
            _("Give a due date or the date the money was received."),
        ),
    }

    class Meta(StaffResource.Meta):
        model = Payment
        import_id_fields = ("contract", "instalment")
        fields = ("contract", "instalment", "amount", "due_on", "received_on", "note")
