"""The institutes app's section of the annual report (``apps.core.report``)."""

from django.utils.translation import gettext as _

from apps.core.report import ReportPart, ReportSection
from apps.institutes.models import JointInstitute


def _institutes(period):
    institutes = (
        JointInstitute.objects.published()
        .in_region(period.region)
        .filter(established_on__lte=period.end)
    )
    return ReportPart(headline=[(_("Joint research institutes"), institutes.count())])


INSTITUTES = ReportSection(40, _institutes)
