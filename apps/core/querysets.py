"""The queryset every record type's manager builds on: its rules come from the registry."""

from django.db import models
from django.db.models import Q

from apps.core import scope
from apps.core.registry import registry


class RecordQuerySet(models.QuerySet):
    """``published()``, ``in_region(region)`` and ``visible_to(user)`` of any registered
    record type, all answered by the one scope engine (``apps.core.scope``)."""

    def published(self):
        """What anyone may see (public flag, not a draft, parent published …)."""
        return scope.published(self)

    def public(self):
        return self.published()

    def in_region(self, region):
        """The records of a province, or of a city and its districts; all for None."""
        return scope.in_region(self, region)

    def in_province(self, province):
        return self.in_region(province)

    def in_city(self, city):
        return self.in_region(city)

    def counted(self, today=None):
        """Of these records, those a headline figure counts now (the record type's ``counted``
        declaration: an event once held, an office while open)."""
        return self.filter(registry.get(self.model).counted_q(today))

    def not_counted_yet(self, today=None):
        """Of these records, those the ``counted`` rule leaves out today."""
        return self.exclude(registry.get(self.model).counted_q(today))

    def visible_to(self, user):
        """What the user may see: published records for the public, one region for office
        staff, everything for headquarters."""
        return scope.scope_queryset(user, self)


# The university's own reference records: everyone reads them, the public the published ones.
registry.register(
    "core.Department",
    published=Q(is_public=True),
    demo="apps.core.demo_seed.DEPARTMENTS_AND_MILESTONES",
    synthetic="apps.core.synthetic.DEPARTMENTS_STEP",
    export="apps.core.api.exports.DEPARTMENTS",
    api=("departments", "apps.core.api.views.DepartmentViewSet", "department"),
)
registry.register(
    "core.Milestone",
    published=Q(is_public=True),
    export="apps.core.api.exports.MILESTONES",
    api=("milestones", "apps.core.api.views.MilestoneViewSet", "milestone"),
    dossier="apps.core.dossier.MILESTONES",
)
registry.hook("core.Department", search="apps.core.search.DEPARTMENTS")
registry.hook("core.Department", match="apps.core.matching.DEPARTMENTS")
