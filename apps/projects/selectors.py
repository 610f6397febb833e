"""Reads of published projects for the public pages."""

from django.db.models import Prefetch

from apps.core.links import reverser
from apps.core.pages import choice_labels
from apps.funds.models import FundGrant
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite


def _sites():
    return Prefetch("sites", queryset=ProjectSite.objects.select_related("province", "city"))


def public_project_list(params=None):
    return (
        CooperationProject.objects.public()
        .select_related("department")
        .prefetch_related(_sites())
        .order_by("-started_on", "code")
    )


def public_project_page(code):
    project = (
        CooperationProject.objects.public()
        .select_related("department")
        .prefetch_related(
            _sites(),
            Prefetch("partners", queryset=Organization.objects.public().order_by("name_zh")),
            Prefetch(
                "grants",
                queryset=FundGrant.objects.published()
                .select_related("fund")
                .order_by("granted_on"),
            ),
        )
        .get(code=code)
    )
    return {"record": project}


def public_projects_in_region(region, today, *, limit=10):
    """A region page's latest projects: those with a site in the province, or in the city and
    its districts."""
    projects = (
        CooperationProject.objects.public()
        .in_region(region)
        .select_related("department")
        .order_by("-started_on", "code")[:limit]
    )
    url = reverser("public:project_detail")
    status = choice_labels(CooperationProject, "status")
    return [
        {
            "title": p.title,
            "url": url(p.code),
            "date": p.started_on,
            "department": p.department.name,
            "status": status(p.status),
        }
        for p in projects
    ]
