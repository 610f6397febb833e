"""What impact records count towards an agreement's targets (``apps.core.outcomes``): every
measure is a metric, counted from verified records on the last day of their year."""

from django.db.models import F, Q

from apps.core.outcomes import Metric, Outcomes, Placement, Source
from apps.impact.choices import MEASURES, Verification
from apps.impact.models import ImpactRecord

# Target metric values are at most 20 characters (apps.outcomes' field).
METRIC_VALUES = {
    "output_value": "output_value",
    "tax": "tax_paid",
    "jobs": "jobs",
    "enterprises_served": "firms_served",
    "enterprises_incubated": "firms_incubated",
    # "people_trained" is the events' metric (participants of training events).
    "people_trained": "trainees_reported",
    "patents_transferred": "patents_transferred",
    "platforms_built": "platforms_built",
}

IMPACT = Outcomes(
    link=Placement(dates=("year_end",)),
    metrics=tuple(
        Metric(
            METRIC_VALUES[field],
            label,
            position=100 + index,
            sources=(
                Source(
                    ImpactRecord,
                    date=F("year_end"),
                    measure=field,
                    counted=Q(status=Verification.VERIFIED, **{f"{field}__isnull": False}),
                ),
            ),
            is_value=kind == "value",
        )
        for index, (field, label, kind) in enumerate(MEASURES)
    ),
)
