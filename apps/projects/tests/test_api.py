"""Cooperation projects through the API, on the shared bases (apps.core.testing.api)."""

from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory
from apps.projects.models import CooperationProject
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory


class TestProjectAPI(api.APIViewTestCases):
    model = CooperationProject
    factory = CooperationProjectFactory
    basename = "project"
    # A project lies where it was applied (its sites), which the API does not write: a project
    # office staff would add through the API lies in no region of theirs and is refused.
    office_creates = False
    update_data = {"title_zh": "成果转化项目（更名）", "status": "pilot"}

    def make(self, city, **fields):
        project = self.factory(**fields)
        ProjectSiteFactory(project=project, city=city, province=city.province)
        return project

    def create_data(self, city):
        return {
            "code": f"api-project-{city.code}",
            "title_zh": "盐碱地改良技术推广",
            "department": DepartmentFactory().code,
            "status": "planned",
            "started_on": "2023-04-01",
        }
