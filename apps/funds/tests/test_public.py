"""Cooperation funds' public pages, on the shared base (apps.core.testing.pages)."""

from apps.core.testing import pages
from apps.funds.models import CooperationFund
from apps.funds.tests.factories import CooperationFundFactory


class TestFundPages(pages.PublicPageTestCases):
    model = CooperationFund
    factory = CooperationFundFactory
    list_url_name = "public:fund_list"
    detail_url_name = "public:fund_detail"
    filters = {
        "province": lambda fund: fund.province.code,
        "city": lambda fund: fund.city.code,
    }
