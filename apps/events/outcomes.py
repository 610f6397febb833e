"""What exchange events count towards an agreement's targets (``apps.core.outcomes``)."""

from django.db.models import DateField, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from apps.core.outcomes import Metric, Outcomes, Placement, Source
from apps.events.models import EventKind, ExchangeEvent

HELD_ON = Coalesce("start_on", TruncDate("created_at"), output_field=DateField())

EVENTS = Outcomes(
    link=Placement(dates=("start_on",)),
    metrics=(
        Metric(
            "people_trained",
            _("People trained"),
            position=50,
            sources=(
                Source(
                    ExchangeEvent,
                    date=HELD_ON,
                    measure="participants",
                    counted=Q(kind=EventKind.TRAINING),
                ),
            ),
        ),
        Metric(
            "events",
            _("Exchange events held"),
            position=60,
            sources=(Source(ExchangeEvent, date=HELD_ON),),
        ),
    ),
)
