"""The offices app's section of the annual report (``apps.core.report``): the offices open
at some time in the year."""

from django.db.models import Q
from django.utils.translation import gettext as _

from apps.core.report import ReportPart, ReportSection
from apps.offices.models import CooperationOffice


def _offices(period):
    offices = (
        CooperationOffice.objects.published()
        .in_region(period.region)
        .filter(opened_on__lte=period.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))
    )
    return ReportPart(headline=[(_("Cooperation offices"), offices.count())])


OFFICES = ReportSection(50, _offices)
