"""Exchange events' public pages, on the shared base (apps.core.testing.pages)."""

from apps.core.testing import pages
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory


class TestEventPages(pages.PublicPageTestCases):
    model = ExchangeEvent
    factory = ExchangeEventFactory
    list_url_name = "public:event_list"
    detail_url_name = "public:event_detail"
    name_field = "title_zh"
    filters = {
        "province": lambda event: event.province.code,
        "city": lambda event: event.city.code,
    }
