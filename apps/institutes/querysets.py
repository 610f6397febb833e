"""The institutes app's rules: where institutes and branches lie, what is published."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class InstituteQuerySet(RecordQuerySet):
    pass


class BranchQuerySet(RecordQuerySet):
    pass


registry.register(
    "institutes.JointInstitute",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    outcomes="apps.institutes.outcomes.INSTITUTES",
    demo="apps.institutes.demo.INSTITUTES_STEP",
    synthetic="apps.institutes.synthetic.INSTITUTES",
    export="apps.institutes.api.exports.INSTITUTES",
    api=("institutes", "apps.institutes.api.views.InstituteViewSet", "institute"),
    figures=dict(name="institutes", order=60, date_field="established_on", kind_field="kind"),
    open_data=dict(
        key="institutes",
        order=30,
        title=pgettext_lazy("open data", "Joint research institutes"),
        description=pgettext_lazy(
            "open data",
            "Research institutes run with regions or local governments: place, dates, focus.",
        ),
    ),
    open_data_figure=dict(
        column="institutes_established",
        order=40,
        date_field="established_on",
        title=pgettext_lazy("open data", "Joint research institutes established"),
    ),
    report="apps.institutes.report.INSTITUTES",
)
registry.register(
    "institutes.Branch",
    # A branch belongs to its institute's region, wherever the branch itself sits.
    regions=(RegionPath("institute__province", "institute__city"),),
    published=Parent("institute"),
    dossier="apps.institutes.dossier.BRANCHES",
    outcomes="apps.institutes.outcomes.BRANCHES",
)
registry.hook("institutes.JointInstitute", stats="apps.institutes.stats.institute_stats")
registry.hook("institutes.JointInstitute", search="apps.institutes.search.INSTITUTES")
