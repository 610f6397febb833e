import os

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import RecordAdmin, ScopedTabularInline
from apps.core.registry import registry
from apps.impact.choices import MEASURE_FIELDS, Verification
from apps.impact.models import Evidence, ImpactRecord
from apps.requests.attachments import ACCEPT_ATTRIBUTE, check_upload


class EvidenceForm(forms.ModelForm):
    """An evidence file, checked by its content exactly as partners' attachments are."""

    class Meta:
        model = Evidence
        fields = ("file", "description")
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "content_type"):
            return upload  # the file already stored, unchanged
        checked = check_upload(upload)
        self.instance.original_name = checked.original_name
        self.instance.content_type = checked.content_type
        self.instance.size = checked.size
        return upload


class EvidenceInline(ScopedTabularInline):
    model = Evidence
    form = EvidenceForm
    extra = 1
    fields = ("file", "description", "download")
    readonly_fields = ("download",)

    @admin.display(description=_("download"))
    def download(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a> ({}, {} KB)',
            reverse("admin:impact_evidence_download", args=[obj.pk]),
            obj.original_name,
            obj.content_type,
            (obj.size + 1023) // 1024,
        )


@admin.register(ImpactRecord)
class ImpactRecordAdmin(RecordAdmin):
    list_display = ("code", "subject", "province", "city", "report_year", "source", "status")
    list_filter = ("status", "subject", "source", "report_year", "province", "is_illustrative")
    list_select_related = ("province", "city")
    search_fields = ("code", "source_note")
    autocomplete_fields = ("project", "institute", "office", "agreement", "province", "city")
    inlines = [EvidenceInline]
    readonly_fields = ("verified_on", "verified_by", "created_at", "updated_at")
    actions = ["verify_selected"]
    fieldsets = (
        (None, {"fields": ("code", "report_year")}),
        (
            _("What it reports on"),
            {"fields": ("subject", "project", "institute", "office", "agreement")},
        ),
        (_("Where"), {"fields": ("province", "city")}),
        (_("Figures"), {"fields": MEASURE_FIELDS}),
        (
            _("Source and verification"),
            {"fields": ("source", "source_note", "status", "verified_on", "verified_by")},
        ),
        RecordAdmin.record_fieldset,
    )

    def save_model(self, request, obj, form, change):
        if obj.status == Verification.VERIFIED and not obj.verified_by:
            obj.verified_by = request.user.get_username()
            obj.verified_on = obj.verified_on or timezone.localdate()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark the selected records verified (evidence checked)"))
    def verify_selected(self, request, queryset):
        record_type = registry.get(ImpactRecord)
        verified, refused = 0, []
        for record in queryset.exclude(status=Verification.VERIFIED):
            record.status = Verification.VERIFIED
            record.verified_by = request.user.get_username()
            record.verified_on = timezone.localdate()
            try:
                record_type.save(user=request.user, instance=record)
            except ValidationError as error:
                refused.append(f"{record.code}: {' '.join(error.messages)}")
            else:
                verified += 1
        if verified:
            self.message_user(
                request,
                ngettext("%(count)d record verified.", "%(count)d records verified.", verified)
                % {"count": verified},
                messages.SUCCESS,
            )
        for problem in refused:
            self.message_user(request, problem, messages.ERROR)

    def get_urls(self):
        own = [
            path(
                "evidence/<int:pk>/",
                self.admin_site.admin_view(self.evidence_download),
                name="impact_evidence_download",
            )
        ]
        return own + super().get_urls()

    def evidence_download(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # Office staff open the evidence of their own region's records only.
        visible = ImpactRecord.objects.visible_to(request.user)
        evidence = get_object_or_404(Evidence, pk=pk, record__in=visible)
        try:
            stored = evidence.file.open("rb")
        except FileNotFoundError:
            raise Http404(gettext("The file is missing.")) from None
        stem, extension = os.path.splitext(evidence.original_name)
        stored_extension = os.path.splitext(evidence.file.name)[1]
        filename = (
            evidence.original_name
            if extension.lower() == stored_extension
            else stem + stored_extension
        )
        response = FileResponse(
            stored, as_attachment=True, filename=filename, content_type=evidence.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
