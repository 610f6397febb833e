"""Departments and milestones through the API, on the shared bases (apps.core.testing.api).
Reference data of the University: no region, so no scope tests."""

from apps.core.models import Department, Milestone
from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory, MilestoneFactory


class TestDepartmentAPI(api.UnplacedViewTestCases):
    model = Department
    factory = DepartmentFactory
    basename = "department"
    update_data = {"name_zh": "化学工程系（更名）", "established_on": "1952-10-01"}

    def create_data(self, city):
        return {"code": "api-chem", "name_zh": "化学工程系", "kind": "school"}


class TestMilestoneAPI(api.UnplacedViewTestCases):
    model = Milestone
    factory = MilestoneFactory
    basename = "milestone"
    update_data = {"title_zh": "成立科技开发部（更正）", "precision": "day"}

    def create_data(self, city):
        return {"happened_on": "1983-07-01", "precision": "month", "title_zh": "成立科技开发部"}
