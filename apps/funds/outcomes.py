"""What fund grants count towards an agreement's targets (``apps.core.outcomes``)."""

from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from apps.core.outcomes import Metric, Outcomes, Placement, Source
from apps.funds.models import FundGrant

GRANTS = Outcomes(
    link=Placement(
        "fund__province_id", "fund__city_id", "fund__city__parent_id", dates=("granted_on",)
    ),
    metrics=(
        Metric(
            "fund_grants",
            _("Value of fund grants awarded"),
            position=70,
            sources=(
                Source(
                    FundGrant,
                    date=Coalesce("granted_on", TruncDate("created_at"), output_field=DateField()),
                    measure="amount",
                ),
            ),
            is_value=True,
            # Grant amounts are not published one by one, so neither is their sum per agreement.
            withheld=True,
        ),
    ),
)
