"""Targets in the admin: on the agreement's page with its progress, and a list of every
target with its progress as of today, filterable to those behind."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import CooperationAgreement
from apps.core.admin_base import ScopedTabularInline, StaffModelAdmin, admin_number
from apps.outcomes import results, selectors
from apps.outcomes.choices import VALUE_METRICS, Progress
from apps.outcomes.models import AgreementTarget


class ProgressFilter(admin.SimpleListFilter):
    title = _("progress as of today")
    parameter_name = "progress"

    def lookups(self, request, model_admin):
        return Progress.choices

    def queryset(self, request, queryset):
        if self.value() in Progress.values:
            return queryset.filter(progress=self.value())
        return queryset


@admin.register(AgreementTarget)
class AgreementTargetAdmin(StaffModelAdmin):
    """Every target with its progress: filter "Behind target" for the agreements to chase.

    Expected progress is the target pro rata to the time elapsed in its period; a target is
    behind when its outcome so far is under 90 % of that.
    """

    list_display = (
        "agreement",
        "metric",
        "period_start",
        "period_end",
        "quantity_display",
        "actual_so_far",
        "expected_so_far",
        "progress_label",
        "agreement_ends",
    )
    list_filter = (ProgressFilter, "metric", "agreement__province", "is_illustrative")
    list_select_related = ("agreement",)
    search_fields = ("agreement__number", "agreement__title_zh", "agreement__title_en")
    autocomplete_fields = ("agreement",)
    readonly_fields = ("created_at", "updated_at")
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress(on=timezone.localdate())

    @staticmethod
    def _places(obj):
        """A count is whole ("5", not "5.00"); a sum of money has its fen."""
        return 2 if obj.metric in VALUE_METRICS else 0

    @admin.display(
        description=AgreementTarget._meta.get_field("quantity").verbose_name, ordering="quantity"
    )
    def quantity_display(self, obj):
        return admin_number(obj.quantity, places=self._places(obj))

    @admin.display(description=_("outcome so far"), ordering="actual")
    def actual_so_far(self, obj):
        return admin_number(obj.actual, places=self._places(obj))

    @admin.display(description=_("expected by now"), ordering="expected")
    def expected_so_far(self, obj):
        return admin_number(obj.expected, places=self._places(obj))

    @admin.display(description=_("progress"), ordering="progress")
    def progress_label(self, obj):
        return format_html(
            '<span class="progress progress--{}">{}</span>',
            obj.progress,
            Progress(obj.progress).label,
        )

    @admin.display(description=_("agreement ends"), ordering="agreement__end_on")
    def agreement_ends(self, obj):
        return obj.agreement.end_on or "—"


class AgreementTargetInline(ScopedTabularInline):
    model = AgreementTarget
    extra = 0
    fields = (
        "metric",
        "baseline",
        "quantity",
        "period_start",
        "period_end",
        "note",
        "is_illustrative",
    )


class BehindTargetFilter(admin.SimpleListFilter):
    title = _("targets")
    parameter_name = "targets"

    def lookups(self, request, model_admin):
        return [("behind", _("Behind target today")), ("with", _("With targets"))]

    def queryset(self, request, queryset):
        if self.value() == "behind":
            return queryset.filter(
                pk__in=AgreementTarget.objects.behind(on=timezone.localdate()).values("agreement")
            )
        if self.value() == "with":
            return queryset.filter(pk__in=AgreementTarget.objects.values("agreement"))
        return queryset


def _with_outcomes(base):
    """The agreements' admin with targets inline, the progress table and the behind filter."""

    class AgreementWithOutcomesAdmin(base):
        inlines = [*base.inlines, AgreementTargetInline]
        list_filter = (BehindTargetFilter, *base.list_filter)
        readonly_fields = (*base.readonly_fields, "outcomes_table")
        fieldsets = (
            *base.fieldsets,
            (_("Targets and outcomes"), {"fields": ("outcomes_table",)}),
        )

        @admin.display(description=_("progress"))
        def outcomes_table(self, obj):
            if obj is None or obj.pk is None:
                return _("Save the agreement, then add its targets below.")
            today = timezone.localdate()
            targets = selectors.agreement_progress(obj, on=today)
            return render_to_string(
                "outcomes/admin/progress.html",
                {
                    "agreement": obj,
                    "today": today,
                    "targets": targets,
                    "trend": selectors.agreement_trend(obj, on=today),
                    "linked": selectors.linked_counts(obj),
                    "chain": results.agreement_chain(obj, public=False, on=today, targets=targets),
                    "behind_url": reverse("admin:outcomes_agreementtarget_changelist")
                    + "?"
                    + urlencode({"q": obj.number}),
                },
            )

    AgreementWithOutcomesAdmin.__name__ = base.__name__
    return AgreementWithOutcomesAdmin


_agreement_admin = type(admin.site._registry[CooperationAgreement])
admin.site.unregister(CooperationAgreement)
admin.site.register(CooperationAgreement, _with_outcomes(_agreement_admin))
