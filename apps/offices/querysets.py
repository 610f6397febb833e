"""The offices app's rules: where offices and practice bases lie, what is published."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class DutyQuerySet(RecordQuerySet):
    pass


class OfficeQuerySet(RecordQuerySet):
    pass


class PracticeBaseQuerySet(RecordQuerySet):
    pass


registry.register(
    "offices.Duty",
    demo="apps.offices.demo.DUTIES",
)
registry.register(
    "offices.CooperationOffice",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    # A person's name, telephone and e-mail: for staff, never on a public page or download.
    private_fields=("contact_name", "contact_phone", "contact_email"),
    # An office counts while open: a closed one stays on record and is not counted.
    counted=Q(closed_on__isnull=True),
    demo="apps.offices.demo.OFFICES",
    synthetic="apps.offices.synthetic.OFFICES",
    export="apps.offices.api.exports.OFFICES",
    api=("offices", "apps.offices.api.views.OfficeViewSet", "office"),
    figures=dict(name="offices", order=70, date_field="opened_on", extra="counted"),
    open_data=dict(
        key="offices",
        order=50,
        title=pgettext_lazy("open data", "Cooperation offices"),
        description=pgettext_lazy(
            "open data", "The university's cooperation offices: place, dates, address, contact."
        ),
    ),
    report="apps.offices.report.OFFICES",
    dossier="apps.offices.dossier.OFFICES",
)
registry.register(
    "offices.PracticeBase",
    regions=(RegionPath("office__province", "office__city"),),
    published=Parent("office"),
)
registry.hook("offices.CooperationOffice", stats="apps.offices.stats.office_stats")
registry.hook("offices.CooperationOffice", search="apps.offices.search.OFFICES")
