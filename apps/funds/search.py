"""What a cooperation fund contributes to the search index."""

from apps.core.search import Document, IndexedKind, region_names
from apps.funds.models import CooperationFund


def fund_document(fund):
    context = region_names(fund.province, fund.city)
    if fund.government:
        context += [fund.government.name_zh, fund.government.name_en]
    return Document(
        url_key=fund.code,
        is_public=fund.is_public,
        title_zh=fund.name_zh,
        title_en=fund.name_en,
        summary_zh=fund.purpose_zh,
        summary_en=fund.purpose_en,
        body=[fund.purpose_zh, fund.purpose_en],
        context=context,
        province_ids=[fund.province_id],
        city_ids=[c for c in [fund.city_id] if c],
    )


FUNDS = IndexedKind(
    "fund",
    CooperationFund,
    fund_document,
    select_related=("province", "city", "government"),
    url_name="public:fund_detail",
)
