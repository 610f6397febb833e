"""The offices app's rules: where offices and practice bases lie, what is published."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class DutyQuerySet(RecordQuerySet):
    pass


class OfficeQuerySet(RecordQuerySet):
    pass


class PracticeBaseQuerySet(RecordQuerySet):
    pass


registry.register("offices.Duty")
registry.register(
    "offices.CooperationOffice",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    # A person's name, telephone and e-mail: for staff, never on a public page or download.
    private_fields=("contact_name", "contact_phone", "contact_email"),
    # An office counts while open: a closed one stays on record and is not counted.
    counted=Q(closed_on__isnull=True),
    save="apps.offices.services.office_save",
    pages="apps.offices.pages.PAGES",
)
registry.register(
    "offices.PracticeBase",
    regions=(RegionPath("office__province", "office__city"),),
    published=Parent("office"),
    save="apps.offices.services.practice_base_save",
)
registry.hook("offices.CooperationOffice", stats="apps.offices.stats.office_stats")
registry.hook("offices.CooperationOffice", search="apps.offices.search.OFFICES")
