"""Departments and milestones through the API, on the shared bases (apps.core.testing.api).
Reference data of the University: no region, so no scope tests."""

import pytest

from apps.core.models import Department, Milestone
from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


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


# --- What this app's resources add, moved from apps/api/tests/test_access.py (its world: one
# public and one hidden record of every resource, apps/api/tests/conftest.py).


def test_milestone_dates_are_validated(admin_api, world):
    response = admin_api.post(
        "/api/v1/milestones/",
        {"happened_on": "not-a-date", "title_zh": "成立"},
        format="json",
    )

    assert response.status_code == 400
    assert "happened_on" in response.json()
