"""Cooperation projects' public pages, on the shared base (apps.core.testing.pages): a project
lies where it was applied, its sites."""

from apps.core.testing import pages
from apps.projects.models import CooperationProject
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory


class TestProjectPages(pages.PublicPageTestCases):
    model = CooperationProject
    factory = CooperationProjectFactory
    list_url_name = "public:project_list"
    detail_url_name = "public:project_detail"
    name_field = "title_zh"
    filters = {
        "province": lambda project: project.sites.get().province.code,
        "city": lambda project: project.sites.get().city.code,
        "department": lambda project: project.department.code,
    }

    def make(self, city, **fields):
        project = self.factory(**fields)
        ProjectSiteFactory(project=project, city=city, province=city.province)
        return project
