"""The download of cooperation funds: their fields, as declared."""

from apps.core.rest.exports import Column
from apps.core.rest.fields import record_export

FUNDS = record_export(
    "funds.CooperationFund",
    related={"government": ("id", "name_zh")},
    # What came in and went out: the staff list's annotations (FundViewSet.staff_queryset).
    staff=[Column("contributed_amount"), Column("granted_amount")],
)
