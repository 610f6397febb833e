"""The projects app's section of the annual report (``apps.core.report``): the projects
started by the year's end (or with no start date)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.report import ReportPart, ReportSection
from apps.projects.models import CooperationProject


def _projects(period):
    projects = (
        CooperationProject.objects.published()
        .in_region(period.region)
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=period.end))
    )
    return ReportPart(headline=[(_("Cooperation projects"), projects.count())])


PROJECTS = ReportSection(60, _projects, step=gettext_lazy("Projects, events and members"))
