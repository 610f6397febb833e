"""Shared pieces of every domain app's admin."""

from django import forms
from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class TotalsChangeListMixin:
    """Shows the sum of money columns over the filtered changelist (all pages, not one page).

    One aggregate query, whatever the number of rows.
    """

    change_list_template = "admin/change_list_with_totals.html"
    total_fields = ()

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context=extra_context)
        context = getattr(response, "context_data", None)
        if not self.total_fields or not context or "cl" not in context:
            return response
        queryset = context["cl"].queryset
        sums = queryset.aggregate(**{name: Sum(name) for name in self.total_fields})
        context["totals"] = [
            (self.model._meta.get_field(name).verbose_name, sums[name] or 0)
            for name in self.total_fields
        ]
        context["totals_count"] = context["cl"].result_count
        return response


class RecordAdmin(TotalsChangeListMixin, admin.ModelAdmin):
    """Base admin of records: public/illustrative flags, timestamps read-only."""

    list_per_page = 50
    readonly_fields = ("created_at", "updated_at")
    checkbox_fields = ()
    record_fieldset = (
        _("Publication"),
        {"fields": ("is_public", "is_illustrative", "created_at", "updated_at")},
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def count_related(model, field):
    """Count rows of `model` pointing at each parent with a subquery, not a join + distinct."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(total=Count("pk"))
            .values("total")
        ),
        0,
    )
