"""Cooperation offices' public pages, on the shared base (apps.core.testing.pages)."""

from django.urls import reverse

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


# --- Moved from apps/public/tests/test_pages.py: on the public site's hand-made sample
# (apps/public/tests/sample.py).


def test_office_page_shows_the_office_but_no_personal_contact(client, sample):
    html = client.get(reverse("public:office_detail", args=["suzhou-office"])).content.decode()
    assert sample.office.name_zh in html
    assert sample.office.address in html
    for personal in ["张秘书", "0512-12345678", "zhang.private@example.cn"]:
        assert personal not in html
