"""What technology contracts count towards an agreement's targets (``apps.core.outcomes``)."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import Contract
from apps.agreements.querysets import COUNTED
from apps.core.outcomes import Metric, Outcomes, Placement, Source

# A contract counts from its signing, unless it is a draft.
SIGNED = Source(Contract, date=F("signed_on"), counted=COUNTED)

CONTRACTS = Outcomes(
    link=Placement(dates=("signed_on",)),
    metrics=(
        Metric(
            "contract_value",
            _("Contract value"),
            position=10,
            sources=(Source(Contract, date=SIGNED.date, measure="amount", counted=COUNTED),),
            is_value=True,
            # One agreement's contract value is a cell of the contract-value tables, published
            # only under their disclosure rules: the public sees the contract count instead.
            withheld=True,
            beside="contracts",
        ),
        Metric("contracts", _("Technology contracts signed"), position=20, sources=(SIGNED,)),
    ),
)
