"""The API's view of a background export job: its status and, when done, its download link."""

from django.urls import reverse
from rest_framework import serializers
from rest_framework.response import Response

from apps.operations.models import ExportJob, ExportStatus


class ExportJobSerializer(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = (
            "id",
            "title",
            "file_format",
            "status",
            "progress",
            "total_rows",
            "rows_written",
            "created_at",
            "expires_at",
            "status_url",
            "download_url",
        )

    def get_status_url(self, job) -> str:
        return self.context["request"].build_absolute_uri(reverse("api:export-job", args=[job.pk]))

    def get_download_url(self, job) -> str | None:
        if job.status != ExportStatus.DONE:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api:export-download", args=[job.pk])
        )


def job_response(job, request, status=200):
    return Response(ExportJobSerializer(job, context={"request": request}).data, status=status)
