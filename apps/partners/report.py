"""The partners app's section of the annual report (``apps.core.report``): enterprise members
at the year's end."""

from django.utils.translation import gettext as _

from apps.core.report import ReportPart, ReportSection
from apps.partners.models import Membership


def _members(period):
    members = (
        Membership.objects.all()
        .in_region(period.region)
        .filter(joined_on__lte=period.end, valid_until__gte=period.end)
    )
    return ReportPart(headline=[(_("Enterprise members at year end"), members.count())])


MEMBERS = ReportSection(80, _members)
