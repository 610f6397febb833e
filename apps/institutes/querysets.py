"""The institutes app's rules: where institutes and branches lie, what is published."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class InstituteQuerySet(RecordQuerySet):
    pass


class BranchQuerySet(RecordQuerySet):
    pass


registry.register(
    "institutes.JointInstitute",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    save="apps.institutes.services.institute_save",
    pages="apps.institutes.pages.PAGES",
)
registry.register(
    "institutes.Branch",
    # A branch belongs to its institute's region, wherever the branch itself sits.
    regions=(RegionPath("institute__province", "institute__city"),),
    published=Parent("institute"),
    save="apps.institutes.services.branch_save",
)
registry.hook("institutes.JointInstitute", stats="apps.institutes.stats.institute_stats")
registry.hook("institutes.JointInstitute", search="apps.institutes.search.INSTITUTES")
