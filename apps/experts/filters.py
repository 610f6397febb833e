import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filters import department_filter
from apps.experts.choices import LANGUAGE_FIELDS, Language, Title
from apps.experts.models import Expert
from apps.regions.filters import RegionFilterSet
from apps.requests.choices import Industry


class ExpertFilterSet(RegionFilterSet):
    """The experts' filters, shared by the public list, the API and the admin."""

    department = department_filter()
    industry = django_filters.MultipleChoiceFilter(choices=Industry.choices, label=_("industry"))
    title = django_filters.MultipleChoiceFilter(
        choices=Title.choices, label=_("professional title")
    )
    language = django_filters.MultipleChoiceFilter(
        choices=Language.choices, label=_("language"), method="filter_language"
    )

    class Meta:
        model = Expert
        fields = ["department", "industry", "title", "language", "province", "city"]

    def filter_language(self, queryset, name, value):
        """Experts working in any of the languages."""
        if not value:
            return queryset
        condition = Q()
        for language in value:
            condition |= Q(**{LANGUAGE_FIELDS[language]: True})
        return queryset.filter(condition)
