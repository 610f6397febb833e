from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from apps.core.admin_base import ScopedAdminMixin
from apps.operations import exports, imports, services, tasks
from apps.operations.models import (
    ExportJob,
    ExportStatus,
    ImportJob,
    JobStatus,
    ReminderLog,
    ReportJob,
    ReportStatus,
)
from apps.operations.schedules import (
    crontab_text,
    is_project_schedule,
    project_schedules,
    schedule_name,
)


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

        transaction.on_commit(lambda: tasks.report_enqueue(obj.pk))
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


class OwnJobsAdmin(admin.ModelAdmin):
    """Jobs are private: every staff member sees their own, and nobody else's."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(requested_by=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.requested_by_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    @admin.display(description=_("progress"))
    def progress_bar(self, job):
        return format_html(
            '<progress max="100" value="{}">{}%</progress>', job.progress, job.progress
        )

    def job_or_404(self, request, pk):
        job = self.get_queryset(request).filter(pk=pk).first()
        if job is None:
            raise Http404(imports.missing_job_message())
        return job

    def status_view(self, request, pk):
        job = self.job_or_404(request, pk)
        return JsonResponse(
            {
                "status": job.status,
                "progress": self.progress_of(job),
                "label": job.get_status_display(),
            }
        )

    def progress_of(self, job):
        return job.progress


@admin.register(ImportJob)
class ImportJobAdmin(OwnJobsAdmin):
    list_display = (
        "original_name",
        "record_type",
        "status",
        "progress_bar",
        "total_rows",
        "error_count",
        "created_at",
    )
    list_filter = ("status",)

    def progress_of(self, job):
        return imports.job_progress(job)

    @admin.display(description=_("record type"))
    def record_type(self, job):
        try:
            return imports.model_of(job)._meta.verbose_name_plural
        except LookupError:
            return job.model_label

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<uuid:pk>/status/", view(self.status_view), name="operations_importjob_status"),
            path(
                "<uuid:pk>/confirm/", view(self.confirm_view), name="operations_importjob_confirm"
            ),
            path("<uuid:pk>/change/", view(self.job_view), name="operations_importjob_change"),
            *super().get_urls(),
        ]

    def job_view(self, request, pk):
        job = self.job_or_404(request, pk)
        issues = Paginator(job.issues.all(), settings.IMPORT_ERRORS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context = self.admin_site.each_context(request)
        context.update(
            {
                "title": _("Import of “%(name)s”") % {"name": job.original_name},
                "opts": self.model._meta,
                "job": job,
                "progress": imports.job_progress(job),
                "target_opts": imports.model_of(job)._meta,
                "issues": issues,
                "running": job.status
                in (JobStatus.QUEUED, JobStatus.VALIDATING, JobStatus.IMPORTING),
                "can_confirm": job.status == JobStatus.READY,
                "preview_kinds": {"new": _("new"), "update": _("update"), "skip": _("unchanged")},
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "operations/importjob.html", context)

    def confirm_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:operations_importjob_change", args=[pk]))
        try:
            job = imports.import_job_confirm(job_id=pk, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            if ImportJob.objects.filter(pk=pk, requested_by=request.user).exists():
                return HttpResponseRedirect(reverse("admin:operations_importjob_change", args=[pk]))
            return HttpResponseRedirect(reverse("admin:operations_importjob_changelist"))
        self.message_user(
            request,
            _("The import is running in the background; this page shows its progress."),
            messages.INFO,
        )
        return HttpResponseRedirect(reverse("admin:operations_importjob_change", args=[job.pk]))


@admin.register(ExportJob)
class ExportJobAdmin(OwnJobsAdmin):
    list_display = (
        "title",
        "file_format",
        "status",
        "progress_bar",
        "total_rows",
        "created_at",
        "download",
    )
    list_filter = ("status",)
    change_list_template = "operations/exportjob_change_list.html"
    # The job's page: what was asked for, then how far it got.
    fields = (
        "source",
        "target",
        "title",
        "file_format",
        "options",
        "status",
        "progress",
        "total_rows",
        "rows_written",
        "error",
        "language",
        "requested_by",
        "finished_at",
        "expires_at",
    )

    @admin.display(description=_("download"))
    def download(self, job):
        if job.status != ExportStatus.DONE:
            return job.error or "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:operations_exportjob_download", args=[job.pk]),
            job.download_name,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<uuid:pk>/status/", view(self.status_view), name="operations_exportjob_status"),
            path(
                "<uuid:pk>/download/",
                view(self.download_view),
                name="operations_exportjob_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        job = exports.export_job_for(job_id=pk, user=request.user)
        if job is None:
            raise Http404
        return FileResponse(
            exports.job_path(job).open("rb"), as_attachment=True, filename=job.download_name
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["exports_running"] = (
            self.get_queryset(request)
            .filter(status__in=(ExportStatus.QUEUED, ExportStatus.RUNNING))
            .exists()
        )
        return super().changelist_view(request, extra_context)


# --------------------------------------------------------------------------- periodic tasks
# django-celery-beat's admins let anyone allowed to change a periodic task add one for any
# registered task with any arguments (an import job's id, say) and run it. Here staff enable,
# disable, reschedule and run the project's schedules (apps.operations.schedules) and nothing
# else: no task is added or deleted, its name, arguments and routing are read-only, and the
# schedule admins cannot be used to write a task either.


class ScheduleChoiceForm(forms.ModelForm):
    """What staff change of a project schedule: whether it runs, and its interval or crontab."""

    class Meta:
        model = PeriodicTask
        fields = ("enabled", "interval", "crontab")

    def clean(self):
        data = super().clean()
        if bool(data.get("interval")) == bool(data.get("crontab")):
            raise ValidationError(
                _("Choose either an interval schedule or a crontab schedule, one of the two."),
                code="one_schedule",
            )
        return data


class ProjectScheduleAdmin(beat_admin.PeriodicTaskAdmin):
    form = ScheduleChoiceForm
    editable_fields = ("enabled", "interval", "crontab")
    # Names and columns in the reader's language: django-celery-beat's "scheduler" column and
    # its dotted task paths (the "Task Name" filter) have no Chinese.
    list_display = ("schedule_label", "enabled", "schedule_when", "last_run_at", "one_off")
    list_display_links = ("schedule_label",)
    list_filter = ("enabled",)
    date_hierarchy = None

    @admin.display(description=pgettext_lazy("periodic task", "Name"), ordering="name")
    def schedule_label(self, obj):
        return schedule_name(obj.name)

    @admin.display(description=pgettext_lazy("periodic task", "Runs"))
    def schedule_when(self, obj):
        if obj.crontab:
            return crontab_text(obj.crontab)
        return str(obj.interval or obj.solar or obj.clocked or "—")

    fieldsets = (
        (None, {"fields": ("name", "task", "enabled", "description")}),
        (
            pgettext_lazy("periodic task", "Schedule"),
            {
                "fields": (
                    "interval",
                    "crontab",
                    "crontab_translation",
                    "solar",
                    "clocked",
                    "start_time",
                    "last_run_at",
                    "one_off",
                )
            },
        ),
        (
            pgettext_lazy("periodic task", "Arguments"),
            {"fields": ("args", "kwargs"), "classes": ("collapse",)},
        ),
        (
            pgettext_lazy("periodic task", "Execution options"),
            {
                "fields": (
                    "expires",
                    "expire_seconds",
                    "queue",
                    "exchange",
                    "routing_key",
                    "priority",
                    "headers",
                ),
                "classes": ("collapse",),
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        shown = admin.utils.flatten_fieldsets(self.fieldsets)
        return [name for name in shown if name not in self.editable_fields]

    @admin.display(description=_("crontab"))
    def crontab_translation(self, obj):
        return obj.crontab.human_readable if obj.crontab else "-"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A schedule is disabled, not deleted (ensure_schedules would add it again).
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and not is_project_schedule(obj):
            return False
        return super().has_change_permission(request, obj)

    def _project_schedules_only(self, request, queryset):
        chosen = project_schedules(queryset)
        left = queryset.count() - chosen.count()
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected task is not one of the portal's schedules and was "
                    "left as it is.",
                    "%(count)d selected tasks are not the portal's schedules and were left as "
                    "they are.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )
        return chosen

    # Disabling applies to any task, the others to the project's schedules only (and, as every
    # action on this site, to users who may change periodic tasks: apps.core.admin_site).
    @admin.action(description=_("Enable selected tasks"))
    def enable_tasks(self, request, queryset):
        return super().enable_tasks(request, self._project_schedules_only(request, queryset))

    @admin.action(description=_("Toggle activity of selected tasks"))
    def toggle_tasks(self, request, queryset):
        return super().toggle_tasks(request, self._project_schedules_only(request, queryset))

    @admin.action(description=_("Run selected tasks"))
    def run_tasks(self, request, queryset):
        return super().run_tasks(request, self._project_schedules_only(request, queryset))


class TasksOfScheduleInline(beat_admin.PeriodicTaskInline):
    """The tasks a schedule runs, shown only."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScheduleValuesMixin:
    """An interval or crontab: its values are a project schedule's "when". One that tasks use
    is not deleted, which would delete them with it."""

    inlines = [TasksOfScheduleInline]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.periodictask_set.exists():
            return False
        return super().has_delete_permission(request, obj)


class ShownOnlyMixin:
    """Solar and clocked schedules (a run at a moment) are not the project's: shown only."""

    inlines = [TasksOfScheduleInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CrontabValuesAdmin(ScheduleValuesMixin, beat_admin.CrontabScheduleAdmin):
    pass


class IntervalValuesAdmin(ScheduleValuesMixin, beat_admin.IntervalScheduleAdmin):
    pass


class SolarShownAdmin(ShownOnlyMixin, beat_admin.SolarScheduleAdmin):
    pass


class ClockedShownAdmin(ShownOnlyMixin, beat_admin.ClockedScheduleAdmin):
    pass


for _model, _model_admin in (
    (PeriodicTask, ProjectScheduleAdmin),
    (CrontabSchedule, CrontabValuesAdmin),
    (IntervalSchedule, IntervalValuesAdmin),
    (SolarSchedule, SolarShownAdmin),
    (ClockedSchedule, ClockedShownAdmin),
):
    admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
