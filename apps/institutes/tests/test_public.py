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


# --- Moved from apps/public/tests/test_pages.py: on the public site's hand-made sample
# (apps/public/tests/sample.py).


def test_record_names_follow_the_language(client, sample):
    assert sample.institute.name_en in client.get("/en/institutes/").content.decode()
    assert sample.institute.name_zh in client.get("/institutes/").content.decode()
