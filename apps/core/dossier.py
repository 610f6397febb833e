"""What a record type gives a region's briefing dossier (``apps.dossiers.selectors``).

A domain app declares a ``DossierSection`` in its own ``dossier.py`` and names it in its record
type's registration (``dossier="apps.events.dossier.EVENTS"``). The dossier runs the sections
in their ``order``; each adds its plain data (no lazy objects: a worker renders it) to
``context.data`` under the keys the dossier's template reads, and may leave its records in
``context.records`` for a later section of an app above it (an office's events, an
agreement's targets). Core's own section, the milestones naming the region, is here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q


@dataclass
class DossierContext:
    """The region (a province or a city with its districts), its ``kind`` ("province" or
    "city") and ``names`` (as a milestone's text names it), the audience, the day, and what
    the sections have gathered so far."""

    region: object
    kind: str
    names: list
    staff: bool
    today: object
    data: dict = field(default_factory=dict)
    records: dict = field(default_factory=dict)

    def records_of(self, queryset):
        """The records of the region the audience reads: every one for staff, the published
        ones for the public dossier."""
        queryset = queryset.in_region(self.region)
        return queryset if self.staff else queryset.published()


@dataclass(frozen=True)
class DossierSection:
    """A record type's section of the dossier: ``collect(context)`` adds its data."""

    order: int
    collect: Callable


def _milestones(context):
    from apps.core.models import Milestone

    condition = Q()
    for name in (name for name in context.names if name):
        condition |= Q(title_zh__contains=name) | Q(description_zh__contains=name)
        condition |= Q(title_en__icontains=name)
    milestones = Milestone.objects.published().filter(condition).order_by("happened_on")
    context.data["milestones"] = [
        {"date": m.happened_on, "precision": m.precision, "title": m.title} for m in milestones
    ]


MILESTONES = DossierSection(90, _milestones)
