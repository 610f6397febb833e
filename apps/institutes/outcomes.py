"""What joint institutes and their branches count towards an agreement's targets
(``apps.core.outcomes``)."""

from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from apps.core.outcomes import Metric, Outcomes, Placement, Source
from apps.institutes.models import Branch, JointInstitute

INSTITUTES = Outcomes(
    link=Placement(dates=("established_on",)),
    metrics=(
        Metric(
            "institutes",
            _("Joint institutes and branches founded"),
            position=40,
            sources=(
                Source(
                    JointInstitute,
                    date=Coalesce(
                        "established_on", TruncDate("created_at"), output_field=DateField()
                    ),
                ),
                Source(
                    Branch,
                    date=Coalesce(
                        "established_on", "institute__established_on", output_field=DateField()
                    ),
                ),
            ),
        ),
    ),
)
BRANCHES = Outcomes(
    link=Placement(
        province="city__province_id", dates=("established_on", "institute__established_on")
    ),
)
