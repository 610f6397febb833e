import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YearFilter
from apps.funds.models import CooperationFund
from apps.regions.filters import RegionFilterSet


class CooperationFundFilterSet(RegionFilterSet):
    year = YearFilter(field_name="established_on", label=_("year established"))
    established_on = django_filters.DateFromToRangeFilter(label=_("established on"))
    # A fund's committed size is announced publicly, so this range is open to everyone.
    committed_amount = django_filters.RangeFilter(label=_("committed size (CNY)"))

    class Meta:
        model = CooperationFund
        fields = ["province", "city", "government", "agreement", "year"]
