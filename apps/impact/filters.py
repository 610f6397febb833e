import django_filters
from django.utils.translation import gettext_lazy as _

from apps.impact.choices import Source, Subject, Verification
from apps.impact.models import ImpactRecord
from apps.regions.filters import RegionFilterSet


class ImpactRecordFilterSet(RegionFilterSet):
    subject = django_filters.MultipleChoiceFilter(choices=Subject.choices, label=_("reports on"))
    source = django_filters.MultipleChoiceFilter(
        choices=Source.choices, label=_("source of the figures")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Verification.choices, label=_("verification")
    )
    year = django_filters.NumberFilter(field_name="report_year", label=_("year"))

    class Meta:
        model = ImpactRecord
        fields = ["subject", "source", "status", "year", "province", "city"]
