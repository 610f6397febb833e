"""Joint institutes' and branches' rules the database enforces."""

import pytest

from apps.core.testing.models import rejected
from apps.institutes.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


def test_a_branch_name_is_unique_within_its_institute():
    branch = BranchFactory(name_zh="吴江分院")
    rejected(BranchFactory, institute=branch.institute, name_zh="吴江分院")
    BranchFactory(name_zh="吴江分院")
