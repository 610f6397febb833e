"""The projects' link in an agreement's results chain (``apps.core.results``)."""

from django.db.models import Count
from django.utils.translation import pgettext_lazy

from apps.core.results import OUTPUT, PROJECTS_AND_GRANTS, ChainLink, Indicator
from apps.projects.models import CooperationProject


def _projects(*, public):
    projects = CooperationProject.objects.all()
    return projects.published() if public else projects


PROJECTS = ChainLink(
    stage=PROJECTS_AND_GRANTS,
    records=_projects,
    indicators=(
        Indicator(
            "projects",
            pgettext_lazy("results chain", "Projects applied"),
            Count("pk"),
            kind=OUTPUT,
            metric="projects",
        ),
    ),
)
