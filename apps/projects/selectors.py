"""Reads of published projects for the public pages."""

from django.db.models import Prefetch

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
