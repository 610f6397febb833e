"""The public page of an agreement: its targets and what has come of them."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.agreements.models import CooperationAgreement
from apps.core.pagecache import cached_page
from apps.outcomes import results, selectors


def agreement_detail(request, number):
    def render_page(version, shared):
        try:
            agreement = selectors.public_agreement(number)
        except CooperationAgreement.DoesNotExist as missing:
            raise Http404(_("No public record matches this address.")) from missing
        outcomes = selectors.public_agreement_outcomes(agreement)
        return render(
            request,
            "outcomes/agreement_detail.html",
            {
                **shared,
                "agreement": agreement,
                "outcomes": outcomes,
                "results_chain": results.agreement_chain(
                    agreement,
                    public=True,
                    on=outcomes["on"],
                    targets=outcomes["history"] + outcomes["targets"],
                ),
                **selectors.public_renewals(agreement),
                "language": get_language(),
            },
        )

    return cached_page(request, f"agreement:{number}", render_page)
