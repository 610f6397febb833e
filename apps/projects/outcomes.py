"""What projects count towards an agreement's targets (``apps.core.outcomes``)."""

from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from apps.core.outcomes import Metric, Outcomes, Placement, Source
from apps.projects.models import CooperationProject

PROJECTS = Outcomes(
    # A project is placed by its first site; its own start date before the site's.
    link=Placement(via="sites", dates=("project__started_on", "started_on")),
    metrics=(
        Metric(
            "projects",
            _("Projects applied"),
            position=30,
            sources=(
                Source(
                    CooperationProject,
                    date=Coalesce("started_on", TruncDate("created_at"), output_field=DateField()),
                ),
            ),
        ),
    ),
)
