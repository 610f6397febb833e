"""What a cooperation fund contributes to the search index."""

from apps.core.search import IndexedKind, names_of, placed_document
from apps.funds.models import CooperationFund


def fund_document(fund):
    return placed_document(fund, text="purpose", context=names_of(fund.government))


FUNDS = IndexedKind(
    "fund",
    CooperationFund,
    fund_document,
    select_related=("province", "city", "government"),
    url_name="public:fund_detail",
    named=(("partners.Organization", "government"),),
)
