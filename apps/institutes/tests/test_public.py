"""Joint research institutes' public pages, on the shared base (apps.core.testing.pages)."""

from apps.core.testing import pages
from apps.institutes.models import JointInstitute
from apps.institutes.tests.factories import JointInstituteFactory


class TestInstitutePages(pages.PublicPageTestCases):
    model = JointInstitute
    factory = JointInstituteFactory
    list_url_name = "public:institute_list"
    detail_url_name = "public:institute_detail"
    filters = {
        "province": lambda institute: institute.province.code,
        "city": lambda institute: institute.city.code,
    }
