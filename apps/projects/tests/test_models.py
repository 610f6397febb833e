"""Projects' and their sites' rules the database enforces."""

import pytest

from apps.core.testing.models import rejected
from apps.projects.tests.factories import ProjectSiteFactory

pytestmark = pytest.mark.django_db


def test_project_site_is_unique_per_place():
    site = ProjectSiteFactory()
    rejected(ProjectSiteFactory, project=site.project, city=site.city, province=site.province)
