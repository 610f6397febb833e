"""The contracts' and payments' links in an agreement's results chain (``apps.core.results``):
contracts signed through the agreement, then the money received for them."""

from django.db.models import Count, Sum
from django.utils.translation import pgettext_lazy

from apps.agreements.models import Contract, Payment
from apps.agreements.querysets import COUNTED
from apps.core.results import CONTRACTS as CONTRACTS_STAGE
from apps.core.results import MONEY_RECEIVED, OUTPUT, ChainLink, Indicator


def _contracts(*, public):
    contracts = Contract.objects.filter(COUNTED)
    return contracts.published() if public else contracts


def _payments_received(*, public):
    # Payments are never published one by one; the public chain counts the published
    # contracts that have received money, and withholds the sum.
    return Payment.objects.filter(received_on__isnull=False, contract__in=_contracts(public=public))


CONTRACTS = ChainLink(
    stage=CONTRACTS_STAGE,
    records=_contracts,
    indicators=(
        Indicator(
            "contracts",
            pgettext_lazy("results chain", "Technology contracts signed"),
            Count("pk"),
            kind=OUTPUT,
            metric="contracts",
        ),
        Indicator(
            "contract_value",
            pgettext_lazy("results chain", "Contract value signed"),
            Sum("amount"),
            kind=OUTPUT,
            is_value=True,
            # One agreement's contract value is a cell of the contract-value tables, published
            # only under their release and disclosure rules (apps.figures).
            withheld=True,
            beside="contracts",
            metric="contract_value",
        ),
    ),
)

PAYMENTS = ChainLink(
    stage=MONEY_RECEIVED,
    records=_payments_received,
    agreement="contract__agreement",
    indicators=(
        Indicator(
            "contracts_paid",
            pgettext_lazy("results chain", "Contracts with money received"),
            Count("contract", distinct=True),
            kind=OUTPUT,
        ),
        Indicator(
            "received",
            pgettext_lazy("results chain", "Money received (到账)"),
            Sum("amount"),
            kind=OUTPUT,
            is_value=True,
            withheld=True,
            beside="contracts_paid",
        ),
    ),
)
