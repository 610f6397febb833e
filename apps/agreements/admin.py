import datetime

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.agreements import selectors, transfer_report
from apps.agreements.models import (
    AgreementStatus,
    Contract,
    CooperationAgreement,
    Payment,
    ScopeArea,
)
from apps.core.admin_base import (
    RecordAdmin,
    ScopedTabularInline,
    StaffModelAdmin,
    TotalsChangeListMixin,
    count_related,
)
from apps.core.models import pick_language
from apps.core.money import yuan
from apps.core.scope import EVERYTHING, user_scope
from apps.core.substring import search_words


class SignedYearFilter(admin.SimpleListFilter):
    title = _("year signed")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # The first and last signing dates of all contracts: the two ends of an index.
        bounds = Contract.objects.aggregate(first=Min("signed_on"), last=Max("signed_on"))
        if bounds["first"] is None:
            return []
        years = range(bounds["last"].year, bounds["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        year = int(self.value()) if self.value().isdigit() else 0
        if not datetime.MINYEAR <= year < datetime.MAXYEAR:
            return queryset.none()
        return queryset.filter(
            signed_on__gte=datetime.date(year, 1, 1), signed_on__lt=datetime.date(year + 1, 1, 1)
        )


class AgreementStatusFilter(admin.SimpleListFilter):
    """The status as the dates make it today (the manager's annotation)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return AgreementStatus.choices

    def queryset(self, request, queryset):
        if self.value() in AgreementStatus.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Payment)
class PaymentAdmin(TotalsChangeListMixin, StaffModelAdmin):
    list_display = ("contract", "instalment", "amount", "due_on", "received_on", "note")
    list_filter = ("contract__province", "contract__kind")
    list_select_related = ("contract",)
    search_fields = ("contract__number", "contract__title_zh", "note")
    autocomplete_fields = ("contract",)
    date_hierarchy = "due_on"
    readonly_fields = ("created_at", "updated_at")
    list_per_page = 50
    total_fields = ("amount",)

    def get_urls(self):
        own = [
            path(
                "receivables/",
                self.admin_site.admin_view(self.receivables_view),
                name="agreements_payment_receivables",
            )
        ]
        return own + super().get_urls()

    def receivables_view(self, request):
        """Money not yet received, by office or department and by age (staff's own region)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        group = request.GET.get("group", "office")
        if group not in selectors.RECEIVABLE_GROUPS:
            group = "office"
        today = timezone.localdate()
        rows = selectors.receivables_by_age(
            payments=Payment.objects.visible_to(request.user), group=group, today=today
        )
        for row in rows:
            zh, en = (row[name] for name in selectors.RECEIVABLE_GROUPS[group])
            row["name"] = pick_language(zh, en) if zh else gettext("(none)")
            row["buckets"] = [
                (row[f"{bucket}_amount"], row[f"{bucket}_count"])
                for bucket in selectors.RECEIVABLE_BUCKETS
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Receivables by age"),
            "rows": rows,
            "group": group,
            "today": today,
        }
        return TemplateResponse(request, "admin/agreements/payment/receivables.html", context)


@admin.register(ScopeArea)
class ScopeAreaAdmin(StaffModelAdmin):
    list_display = ("position", "code", "name_zh", "name_en")
    search_fields = ("code", "name_zh", "name_en")
    readonly_fields = ("created_at", "updated_at")


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(RecordAdmin):
    checkbox_fields = ("scope_areas",)
    list_display = (
        "number",
        "title_zh",
        "kind",
        "status_display",
        "province",
        "city",
        "organization",
        "signed_on",
        "ends",
        "contract_count",
    )
    list_filter = (
        "kind",
        AgreementStatusFilter,
        "province",
        "scope_areas",
        "is_public",
        "is_illustrative",
    )
    list_select_related = ("province", "city", "organization")
    search_fields = ("number", "title_zh", "title_en", "organization__name_zh")
    autocomplete_fields = ("province", "city", "organization", "renews")
    date_hierarchy = "signed_on"
    readonly_fields = (*RecordAdmin.readonly_fields, "status_display")
    fieldsets = (
        (None, {"fields": ("number", "title_zh", "title_en", "kind", "status_display")}),
        (_("Parties"), {"fields": ("province", "city", "organization")}),
        (
            _("Term"),
            {
                "fields": ("signed_on", "start_on", "end_on", "open_term", "review_on", "renews"),
                "description": _(
                    "The status follows these dates: in force from the start (else the "
                    "signature) to the end date; an open term runs until it is renewed or "
                    "terminated and is reviewed on its review date."
                ),
            },
        ),
        (_("Termination"), {"fields": ("terminated_on", "termination_reason")}),
        (_("Scope"), {"fields": ("scope_areas", "summary_zh", "summary_en")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(contract_total=count_related(Contract, "agreement"))
        )

    @admin.display(description=_("ends (or review)"), ordering="end_on")
    def ends(self, obj):
        """The end date, or an open term's review date: one column keeps the list in view."""
        if obj.end_on:
            return obj.end_on
        if obj.review_on:
            return gettext("review %(date)s") % {"date": obj.review_on.isoformat()}
        return "—"

    @admin.display(description=_("contracts"), ordering="contract_total")
    def contract_count(self, obj):
        return obj.contract_total

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj):
        if obj.pk is None:
            return "—"
        return obj.get_status_display()


class PaymentInline(ScopedTabularInline):
    model = Payment
    extra = 1
    fields = ("instalment", "amount", "due_on", "received_on", "note")


@admin.register(Contract)
class ContractAdmin(RecordAdmin):
    # What staff check daily, fitting 1280 px beside the filters: the title (which names the
    # partner) is on the record's page, kind and department are filters.
    list_display = (
        "number",
        "organization",
        "region",
        "signed_on",
        "amount_display",
        "received",
        "status",
    )
    # Years as a filter, not a date hierarchy: the hierarchy reads the first and last date and
    # every distinct year of the filtered list, a full scan of a million contracts per page.
    list_filter = (
        SignedYearFilter,
        "kind",
        "status",
        "department",
        "province",
        "office",
        "is_public",
        "is_illustrative",
    )
    list_select_related = ("department", "organization", "province", "city")
    search_fields = (
        "number",
        "title_zh",
        "title_en",
        "principal_investigator",
        "organization__name_zh",
        "organization__name_en",
    )
    autocomplete_fields = (
        "department",
        "organization",
        "province",
        "city",
        "agreement",
        "office",
        "equity_company",
    )
    total_fields = ("amount",)
    inlines = [PaymentInline]
    fieldsets = (
        (None, {"fields": ("number", "title_zh", "title_en", "kind", "status")}),
        (
            _("People and partner"),
            {"fields": ("department", "principal_investigator", "organization")},
        ),
        (_("Where and through"), {"fields": ("province", "city", "agreement", "office")}),
        (_("Dates and amount"), {"fields": ("signed_on", "start_on", "end_on", "amount")}),
        (
            _("Transfer mode and equity"),
            {
                "fields": ("transfer_mode", "equity_company", "equity_shares", "equity_percent"),
                "description": _(
                    "Technology transfer contracts: transfer, licence or equity investment; for "
                    "equity, the company and what the university holds."
                ),
            },
        ),
        RecordAdmin.record_fieldset,
    )

    # The unfiltered count next to a filtered one would be a second count over the table.
    show_full_result_count = False
    change_list_template = "admin/agreements/contract/change_list.html"

    def get_urls(self):
        own = [
            path(
                "transfer-report/",
                self.admin_site.admin_view(self.transfer_report_view),
                name="agreements_contract_transfer_report",
            )
        ]
        return own + super().get_urls()

    def transfer_report_view(self, request):
        """The annual report on the transfer of achievements, XLSX or PDF. It states sums of
        every contract: headquarters staff only (office staff see their region alone)."""
        if not self.has_view_permission(request) or user_scope(request.user) is not EVERYTHING:
            raise PermissionDenied
        year_text = request.GET.get("year", "")
        error = ""
        if year_text:
            year = int(year_text) if year_text.isdigit() else 0
            if 1983 <= year <= 2100:
                report = transfer_report.transfer_report(year=year)
                if request.GET.get("format") == "pdf":
                    content, extension, content_type = (
                        transfer_report.render_pdf(report),
                        "pdf",
                        "application/pdf",
                    )
                else:
                    content, extension, content_type = (
                        transfer_report.render_xlsx(report),
                        "xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    )
                response = HttpResponse(content, content_type=content_type)
                response["Content-Disposition"] = (
                    f'attachment; filename="transfer-report-{year}.{extension}"'
                )
                return response
            error = gettext("Enter a year from 1983 to 2100.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Annual transfer report"),
            "year": year_text or timezone.localdate().year - 1,
            "error": error,
        }
        return TemplateResponse(request, "admin/agreements/contract/transfer_report.html", context)

    def get_changelist(self, request, **kwargs):
        return ContractChangeList

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_words(search_term), confidential=True), False

    @admin.display(description=_("region"), ordering="province__code")
    def region(self, obj):
        return "".join(str(place.name_zh) for place in (obj.province, obj.city) if place)

    @admin.display(description=_("amount (CNY)"), ordering="amount")
    def amount_display(self, obj):
        return yuan(obj.amount)

    @admin.display(description=_("received (CNY)"))
    def received(self, obj):
        return yuan(obj.received_amount)


class ContractChangeList(ChangeList):
    """A page read in two steps: its contracts' ids first (the ordering's index, no join),
    then those rows with their related records and received amounts; a deep page no longer
    joins and sums every row it skips."""

    def get_results(self, request):
        super().get_results(request)
        ids = list(self.result_list.values_list("pk", flat=True))
        rows = {
            contract.pk: contract
            for contract in self.queryset.filter(pk__in=ids).order_by().with_received()
        }
        self.result_list = [rows[pk] for pk in ids]
