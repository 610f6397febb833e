"""The projects app's rules: a project lies wherever one of its sites does."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class ProjectQuerySet(RecordQuerySet):
    pass


class ProjectSiteQuerySet(RecordQuerySet):
    pass


registry.register(
    "projects.CooperationProject",
    regions=(RegionPath("province", "city", via="sites"),),
    published=Q(is_public=True),
    save="apps.projects.services.project_save",
    pages="apps.projects.pages.PAGES",
)
registry.register(
    "projects.ProjectSite",
    regions=(RegionPath("province", "city"),),
    published=Parent("project"),
    save="apps.projects.services.site_save",
)
registry.hook("projects.CooperationProject", stats="apps.projects.stats.project_stats")
registry.hook("projects.CooperationProject", search="apps.projects.search.PROJECTS")
