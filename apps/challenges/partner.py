"""The challenges' section of a partner's own page (``apps.core.partner``): the organisation's
challenges with their stage, and the proposals each received."""

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy

from apps.challenges.models import Challenge, Proposal
from apps.core.partner import PartnerRow, PartnerSection


def partner_challenges(account):
    """The challenges published from the partner's requests: those sent from the address the
    partner signed in with, or in the name of its organisation. Two queries."""
    condition = Q(request__email__iexact=account.email) if account.email else Q(pk__in=[])
    organization = getattr(account, "organization", None)
    if organization is not None:
        for name in (organization.name_zh, organization.name_en):
            if name:
                condition |= Q(request__organization_name__iexact=name)
    return (
        Challenge.objects.filter(condition)
        .select_related("province", "city")
        .prefetch_related(
            Prefetch(
                "proposals",
                queryset=Proposal.objects.select_related("department").order_by(
                    "received_on", "id"
                ),
            )
        )
        .order_by("-published_on", "code")
    )


def rows(account):
    result = []
    for challenge in partner_challenges(account):
        stage = challenge.get_stage_display()
        url = (
            reverse("public:challenge_detail", args=[challenge.code]) if challenge.is_public else ""
        )
        proposals = list(challenge.proposals.all())
        result.append(
            PartnerRow(
                title=challenge.title,
                status=stage,
                on=challenge.published_on,
                detail=gettext("%(count)s proposal(s) · proposals by %(deadline)s")
                % {"count": len(proposals), "deadline": challenge.deadline.isoformat()},
                url=url,
            )
        )
        for proposal in proposals:
            result.append(
                PartnerRow(
                    title=gettext("Proposal from %(department)s")
                    % {"department": proposal.department.name},
                    status=stage,
                    on=proposal.received_on,
                    detail=gettext("TRL %(level)s · %(months)s months · %(cost)s%(experts)s")
                    % {
                        "level": proposal.readiness,
                        "months": proposal.duration_months,
                        "cost": proposal.get_cost_range_display(),
                        "experts": f" · {proposal.experts}" if proposal.experts else "",
                    },
                )
            )
    return result


SECTION = PartnerSection(
    key="challenges",
    title=pgettext_lazy("partner page", "Your challenges and their proposals"),
    order=30,
    rows=rows,
)
