"""The last link of an agreement's results chain (``apps.core.results``): what changed in the
region, from verified impact records only (for staff as for the public: figures nobody has
checked against their evidence do not count towards an agreement)."""

from django.db.models import Count, Sum
from django.utils.translation import pgettext_lazy

from apps.core.results import REGION_RESULTS, RESULT, ChainLink, Indicator
from apps.impact.choices import MEASURES, Verification
from apps.impact.models import ImpactRecord
from apps.impact.outcomes import METRIC_VALUES


def _verified(*, public):
    records = ImpactRecord.objects.filter(status=Verification.VERIFIED)
    return records.published() if public else records


IMPACT = ChainLink(
    stage=REGION_RESULTS,
    records=_verified,
    indicators=(
        Indicator(
            "records_verified",
            pgettext_lazy("results chain", "Verified reports"),
            Count("pk"),
            kind=RESULT,
        ),
        *(
            Indicator(
                field,
                label,
                Sum(field),
                kind=RESULT,
                is_value=kind == "value",
                metric=METRIC_VALUES[field],
            )
            for field, label, kind in MEASURES
        ),
    ),
)
