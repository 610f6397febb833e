"""The downloads of agreements, contracts and payments: their fields, as declared."""

from django.db.models import OuterRef

from apps.agreements.models import CooperationAgreement
from apps.core.rest.exports import Column
from apps.core.rest.fields import list_column, record_export

AGREEMENTS = record_export(
    "agreements.CooperationAgreement",
    related={"organization": ("id", "name_zh")},
    extra={
        # The status as the dates make it on the day of the download.
        "kind": [Column("status")],
        "end_on": [
            list_column(
                "scope_areas",
                CooperationAgreement.scope_areas.through.objects.filter(
                    cooperationagreement=OuterRef("pk")
                ).values("scopearea__code"),
            )
        ],
    },
)
CONTRACTS = record_export(
    "agreements.Contract",
    related={
        "department": ("code", "name_zh"),
        "organization": ("id", "name_zh"),
        "office": ("code",),
    },
    # The sum received so far: the staff list's annotation (ContractQuerySet.with_received).
    staff=[Column("received_amount")],
)
PAYMENTS = record_export("agreements.Payment", related={"contract": ("id", "number")})
