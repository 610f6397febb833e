"""Cooperation offices' public pages, on the shared base (apps.core.testing.pages)."""

from apps.core.testing import pages
from apps.offices.models import CooperationOffice
from apps.offices.tests.factories import CooperationOfficeFactory


class TestOfficePages(pages.PublicPageTestCases):
    model = CooperationOffice
    factory = CooperationOfficeFactory
    list_url_name = "public:office_list"
    detail_url_name = "public:office_detail"
    filters = {
        "province": lambda office: office.province.code,
        "city": lambda office: office.city.code,
    }

    def test_detail_page_shows_no_personal_contact(self, client, home):
        office = self.make(
            home,
            contact_name="张秘书",
            contact_phone="0512-12345678",
            contact_email="zhang.private@example.cn",
        )

        html = client.get(self.detail_url(office)).content.decode()

        assert office.name_zh in html
        for personal in ["张秘书", "0512-12345678", "zhang.private@example.cn"]:
            assert personal not in html
