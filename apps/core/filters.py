"""Filter building blocks shared by every app's FilterSets (admin lists, public lists, API).

Pass the request when building a FilterSet (``ContractFilterSet(request.GET, queryset=...,
request=request)``): filters listed in ``Meta.staff_only`` are dropped for anyone who may not
see the confidential field they filter on, so a range filter can never be used to narrow in
on one contract's amount.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from apps.core.models import Department, DepartmentKind, Milestone
from apps.core.scope import nameable_queryset, unseen_record_message

FIRST_YEAR = 1900
LAST_YEAR = 2100


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(django_filters.Filter):
    """Records whose date field falls in a calendar year, as an index-friendly date range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(
            **{
                f"{self.field_name}__gte": datetime.date(value, 1, 1),
                f"{self.field_name}__lt": datetime.date(value + 1, 1, 1),
            }
        )


def can_see_confidential(request, model):
    """Whether the requester may see a model's confidential fields: its Django view permission."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def own_column(model, record_filter):
    """Whether a filter compares one of the model's own columns (no relation followed, no
    method of its own), so it can never match a row twice."""
    if model is None or record_filter.method is not None or "__" in record_filter.field_name:
        return False
    try:
        field = model._meta.get_field(record_filter.field_name)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.many_to_many and not field.one_to_many


class StaffFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``Meta.staff_only`` filters exist only for users allowed to see them,
    and whose filters by a record name only records the requester may know of
    (``nameable_queryset``): another region's unpublished record is refused exactly as a
    record that does not exist."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # django-filter's options object keeps only the options it knows: read our own Meta.
        staff_only = getattr(getattr(type(self), "Meta", None), "staff_only", ())
        if staff_only and not can_see_confidential(self.request, self._meta.model):
            for name in staff_only:
                self.filters.pop(name, None)
        user = getattr(self.request, "user", None)
        for record_filter in self.filters.values():
            if own_column(self._meta.model, record_filter):
                # A choice among a column's values of the row itself can never repeat a row:
                # django-filter's DISTINCT would only make PostgreSQL sort every match.
                record_filter.distinct = False
            queryset = getattr(record_filter, "queryset", None)
            if not isinstance(queryset, QuerySet):
                continue
            record_filter.queryset = nameable_queryset(user, queryset)
            message = unseen_record_message(queryset.model)
            if message is not None:
                record_filter.extra["error_messages"] = {
                    **record_filter.extra.get("error_messages", {}),
                    "invalid_choice": message,
                }


class RecordFilterSet(StaffFilterSet):
    """Filters every record (``RecordModel``) has."""

    is_public = django_filters.BooleanFilter(label=_("public"))
    is_illustrative = django_filters.BooleanFilter(label=_("illustrative"))


@extend_schema_field(OpenApiTypes.STR)
class CodeMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Choices given by a natural key (``to_field_name``), matched on the foreign key itself.

    django-filter would compare the foreign key column with the code; compare it with the
    chosen rows instead, and skip DISTINCT, which a foreign key never needs.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        return {self.field_name: v}


def department_filter(field_name="department"):
    return CodeMultipleChoiceFilter(
        field_name=field_name,
        to_field_name="code",
        queryset=Department.objects.all(),
        label=_("department (code)"),
    )


def related_exists_filter(model, link, field, **filter_kwargs):
    """A multiple-choice filter matched through a related table with EXISTS (no join, no DISTINCT)."""

    @extend_schema_field(OpenApiTypes.STR)
    def apply(queryset, name, values):
        if not values:
            return queryset
        related = model.objects.filter(**{link: OuterRef("pk"), f"{field}__in": values})
        return queryset.filter(Exists(related))

    return django_filters.ModelMultipleChoiceFilter(method=apply, **filter_kwargs)


class DepartmentFilterSet(RecordFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=DepartmentKind.choices, label=_("kind"))
    established_year = YearFilter(field_name="established_on", label=_("year established"))

    class Meta:
        model = Department
        fields = ["kind"]


class MilestoneFilterSet(RecordFilterSet):
    year = YearFilter(field_name="happened_on", label=_("year"))
    happened_on = django_filters.DateFromToRangeFilter(label=_("date"))
    department = department_filter()

    class Meta:
        model = Milestone
        fields = ["precision"]
