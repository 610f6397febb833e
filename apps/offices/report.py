"""The offices app's section of the annual report (``apps.core.report``): the offices open
at some time in a past year; in the current year, those open now (the record type's
``counted`` rule, as every other channel counts them)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.report import ReportPart, ReportSection
from apps.offices.models import CooperationOffice


def _offices(period):
    today = timezone.localdate()
    offices = CooperationOffice.objects.published().in_region(period.region)
    if period.end >= today:
        offices = offices.counted()
    else:
        offices = offices.filter(opened_on__lte=period.end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
        )
    return ReportPart(headline=[(_("Cooperation offices"), offices.count())])


OFFICES = ReportSection(50, _offices)
