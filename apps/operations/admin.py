from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import ScopedAdminMixin
from apps.operations import services
from apps.operations.models import ReminderLog, ReportJob, ReportStatus


@admin.register(ReportJob)
class ReportJobAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Annual reports: request one (it is made in the background), follow its progress,
    download the XLSX and the PDF."""

    change_list_template = "operations/reportjob_change_list.html"
    list_display = (
        "year",
        "region_display",
        "language",
        "status",
        "progress_bar",
        "requested_by",
        "created_at",
        "downloads",
    )
    list_filter = ("status", "year", "province")
    list_select_related = ("province", "city", "requested_by")
    autocomplete_fields = ("province", "city")
    fields = ("year", "province", "city", "language")
    readonly_fields = ("status", "progress_bar", "step", "error", "downloads", "finished_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return (*self.fields, *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (*self.fields, *self.readonly_fields)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description=_("region"))
    def region_display(self, job):
        return job.region_name

    @admin.display(description=_("progress"))
    def progress_bar(self, job):
        return format_html(
            '<progress max="100" value="{}">{}%</progress> {}%{}',
            job.progress,
            job.progress,
            job.progress,
            format_html(" · {}", job.step) if job.step else "",
        )

    @admin.display(description=_("downloads"))
    def downloads(self, job):
        if job.status != ReportStatus.DONE:
            return "—"
        return format_html(
            '<a href="{}">XLSX</a> · <a href="{}">PDF</a>',
            reverse("admin:operations_reportjob_download", args=[job.pk, "xlsx"]),
            reverse("admin:operations_reportjob_download", args=[job.pk, "pdf"]),
        )

    def save_model(self, request, obj, form, change):
        obj.requested_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        from django.db import transaction

        transaction.on_commit(lambda: services.report_enqueue(obj.pk))
        self.message_user(
            request,
            _("The report is being made in the background; this list shows its progress."),
            messages.INFO,
        )
        return super().response_add(request, obj, post_url_continue)

    def response_post_save_add(self, request, obj):
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(reverse("admin:operations_reportjob_changelist"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/<str:kind>/",
                self.admin_site.admin_view(self.download_view),
                name="operations_reportjob_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk, kind):
        if kind not in ("xlsx", "pdf"):
            raise Http404
        job = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        file_path = services.report_file_path(job, kind)
        if file_path is None:
            raise Http404
        region = job.region.code if job.region else "all"
        return FileResponse(
            file_path.open("rb"),
            as_attachment=True,
            filename=f"cooperation-report-{job.year}-{region}.{kind}",
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["reports_running"] = (
            self.get_queryset(request)
            .filter(status__in=(ReportStatus.QUEUED, ReportStatus.RUNNING))
            .exists()
        )
        return super().changelist_view(request, extra_context)


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """What the periodic tasks sent, to whom and when: each reminder once."""

    list_display = ("claimed_at", "kind", "recipient", "subject", "occasion", "sent_at")
    list_filter = ("kind",)
    search_fields = ("recipient", "subject")
    date_hierarchy = "claimed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
