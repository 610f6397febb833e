"""The contracts section of a partner's own page (``partner=``, apps.core.partner).

An organization sees its own contracts with their amounts: the amount is confidential to the
public, not to the party that signed it. Another organization's contracts never appear.
"""

from django.utils.translation import gettext_lazy as _

from apps.agreements.choices import ContractStatus
from apps.agreements.models import Contract
from apps.core.models import pick_language
from apps.core.partner import PartnerRow, PartnerSection


def contract_rows(account):
    """The signed-in organization's contracts (drafts are the department's own), newest
    first (one query)."""
    if account.organization is None:
        return []
    contracts = (
        Contract.objects.filter(organization=account.organization)
        .exclude(status=ContractStatus.DRAFT)
        .select_related("department")
        .order_by("-signed_on", "-pk")
    )
    return [
        PartnerRow(
            title=f"{contract.number} · {contract.title}",
            status=contract.get_status_display(),
            on=contract.signed_on,
            detail=str(
                _("%(kind)s with %(department)s, %(amount)s yuan")
                % {
                    "kind": contract.get_kind_display(),
                    "department": pick_language(
                        contract.department.name_zh, contract.department.name_en
                    ),
                    "amount": f"{contract.amount:,.2f}",
                }
            ),
        )
        for contract in contracts
    ]


CONTRACTS = PartnerSection(key="contracts", title=_("Contracts"), order=30, rows=contract_rows)
