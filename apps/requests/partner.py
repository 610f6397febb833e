"""The technology requests section of a partner's own page (``partner=``, apps.core.partner).

A partner sees the requests sent from its own address, and, once staff have confirmed it
speaks for an organization, those sent from any confirmed address of that organization. Each
row leads to the request's private tracking page (its stages and messages).
"""

from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.partner import PartnerRow, PartnerSection
from apps.partners.selectors import confirmed_contact_emails, normalized_email
from apps.requests.models import TechRequest
from apps.requests.tokens import tracking_token


def partner_requests(account):
    """The requests the account may see (one query; the addresses are a subquery)."""
    mine = Q(email_key=normalized_email(account.email))
    if account.organization is not None:
        mine |= Q(email_key__in=confirmed_contact_emails(account.organization))
    return (
        TechRequest.objects.annotate(email_key=Lower("email"))
        .filter(mine)
        .select_related("province", "city")
    )


def request_rows(account):
    rows = []
    for tech_request in partner_requests(account).order_by("-created_at", "-id"):
        token = tracking_token(reference=tech_request.reference, salt=tech_request.tracking_salt)
        region = str(tech_request.province) + (
            f" · {tech_request.city}" if tech_request.city else ""
        )
        rows.append(
            PartnerRow(
                title=f"{tech_request.reference} · {tech_request.title}",
                status=tech_request.get_status_display(),
                on=timezone.localdate(tech_request.created_at),
                detail=str(
                    _("%(organization)s, %(region)s, sent from %(email)s")
                    % {
                        "organization": tech_request.organization_name,
                        "region": region,
                        "email": tech_request.email,
                    }
                ),
                url=reverse("requests:track", kwargs={"token": token}),
            )
        )
    return rows


REQUESTS = PartnerSection(
    key="requests", title=_("Technology requests"), order=10, rows=request_rows
)
