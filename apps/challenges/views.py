"""The public funnel of challenges: counts only, small groups withheld (``selectors``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from apps.challenges import selectors


@require_safe
def public_funnel(request):
    rows, total = selectors.public_funnel()
    context = {"rows": rows, "total": total, "minimum": selectors.MIN_PUBLIC_GROUP}
    return render(request, "challenges/public/funnel.html", context)
