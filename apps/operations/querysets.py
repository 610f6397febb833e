"""Annual report jobs lie in the region they report on (none: the whole university)."""

from apps.core.querysets import RecordQuerySet
from apps.core.registry import NEVER, RegionPath, registry


class ReportJobQuerySet(RecordQuerySet):
    pass


registry.register(
    "operations.ReportJob",
    regions=(RegionPath("province", "city"),),
    published=NEVER,
    # Office staff ask for their region's reports and read them; a report is never edited.
    office_staff=("add", "view"),
)
