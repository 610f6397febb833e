"""Large staff downloads as background jobs: the list answers 202 with the job, which the
requester follows here and downloads when it is ready (nobody else sees it)."""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAdminUser
from rest_framework.views import APIView

from apps.core.rest.viewsets import ApiViewMixin
from apps.operations import exports
from apps.operations.models import ExportJob
from apps.operations.serializers import ExportJobSerializer, job_response


class ExportJobView(ApiViewMixin, APIView):
    """A background export of the requester's: its status and, when done, its download link."""

    permission_classes = [IsAdminUser]
    cache_anonymous = False

    @extend_schema(responses=ExportJobSerializer)
    def get(self, request, pk):
        job = ExportJob.objects.filter(pk=pk, requested_by=request.user).first()
        if job is None:
            raise Http404
        return job_response(job, request)


class ExportDownloadView(ApiViewMixin, APIView):
    """The finished file of a background export, for its requester only."""

    permission_classes = [IsAdminUser]
    cache_anonymous = False

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        job = exports.export_job_for(job_id=pk, user=request.user)
        if job is None:
            raise Http404
        return FileResponse(
            exports.job_path(job).open("rb"), as_attachment=True, filename=job.download_name
        )
