"""The memberships section of a partner's own page (``partner=``, apps.core.partner)."""

from django.utils.translation import gettext_lazy as _

from apps.core.partner import PartnerRow, PartnerSection
from apps.partners.models import Membership


def membership_rows(account):
    """The signed-in organization's memberships, newest first (one query)."""
    if account.organization is None:
        return []
    memberships = Membership.objects.filter(organization=account.organization).order_by(
        "-valid_until", "-pk"
    )
    return [
        PartnerRow(
            title=membership.get_tier_display(),
            status=membership.get_status_display(),
            detail=str(
                _("Joined %(joined)s, valid until %(until)s")
                % {
                    "joined": membership.joined_on.isoformat(),
                    "until": membership.valid_until.isoformat(),
                }
            ),
        )
        for membership in memberships
    ]


MEMBERSHIPS = PartnerSection(
    key="memberships", title=_("Membership"), order=50, rows=membership_rows
)
