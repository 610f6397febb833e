"""The projects app's rules: a project lies wherever one of its sites does."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

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
    outcomes="apps.projects.outcomes.PROJECTS",
    results="apps.projects.results.PROJECTS",
    demo="apps.projects.demo.PROJECTS_STEP",
    synthetic="apps.projects.synthetic.PROJECTS",
    export="apps.projects.api.exports.PROJECTS",
    import_resource="apps.projects.resources.CooperationProjectResource",
    api=("projects", "apps.projects.api.views.ProjectViewSet", "project"),
    figures=dict(name="projects", order=40, date_field="started_on", kind_field="status"),
    open_data=dict(
        key="projects",
        order=20,
        title=pgettext_lazy("open data", "Cooperation projects"),
        description=pgettext_lazy(
            "open data",
            "Research achievements applied in regions: department, technology, status, summary.",
        ),
    ),
    report="apps.projects.report.PROJECTS",
    pages="apps.projects.pages.PAGES",
)
registry.register(
    "projects.ProjectSite",
    regions=(RegionPath("province", "city"),),
    published=Parent("project"),
)
registry.hook("projects.CooperationProject", stats="apps.projects.stats.project_stats")
registry.hook("projects.CooperationProject", search="apps.projects.search.PROJECTS")
