"""Joint research institutes through the API, on the shared bases (apps.core.testing.api)."""

from apps.core.testing import api
from apps.institutes.models import JointInstitute
from apps.institutes.tests.factories import JointInstituteFactory


class TestInstituteAPI(api.APIViewTestCases):
    model = JointInstitute
    factory = JointInstituteFactory
    basename = "institute"
    update_data = {"name_zh": "联合研究院（更名）", "established_on": "2012-09-01"}

    def create_data(self, city):
        return {
            "code": f"api-institute-{city.code}",
            "name_zh": "清华大学联合研究院",
            "kind": "local_government",
            "province": city.province.code,
            "city": city.code,
            "established_on": "2019-06-01",
        }
