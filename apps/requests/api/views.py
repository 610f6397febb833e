import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from apps.core.rest.pagination import KeysetPagination
from apps.core.rest.permissions import StaffOnlyModelPermissions
from apps.core.rest.serializers import django_error_detail
from apps.core.rest.viewsets import ApiViewMixin, ExportMixin
from apps.requests import services
from apps.requests.api.serializers import (
    HANDLING_FIELDS,
    TechRequestSerializer,
    TechRequestUpdateSerializer,
    TransitionSerializer,
)
from apps.requests.choices import Actor
from apps.requests.filters import TechRequestFilterSet
from apps.requests.models import RequestAttachment, TechRequest


class ChangeOnPostPermissions(StaffOnlyModelPermissions):
    """A workflow action changes an existing request: it needs the change permission."""

    perms_map = {
        **StaffOnlyModelPermissions.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }


def _service_call(function, **kwargs):
    try:
        return function(**kwargs)
    except DjangoValidationError as error:
        raise ValidationError(django_error_detail(error)) from error


class TechRequestViewSet(
    ApiViewMixin,
    ExportMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Technology requests from partners: staff only. A request's contents and its contact
    person are personal data, so nothing of it is public (counts are, under /stats/requests/).

    Create records a request received by other means (phone, email) as the public form would;
    PATCH changes who handles it and what it became; ``transition`` moves it along the
    workflow, which refuses the moves the admin refuses."""

    # Staff only, and outside the public cache's data version.
    cache_anonymous = False

    pagination_class = KeysetPagination
    queryset = TechRequest.objects.select_related(
        "province", "city", "assigned_department", "assigned_office"
    ).prefetch_related(
        Prefetch(
            "attachments",
            queryset=RequestAttachment.objects.only(
                "id", "request_id", "original_name", "content_type", "size", "created_at"
            ),
        )
    )
    permission_classes = [StaffOnlyModelPermissions]
    serializer_class = TechRequestSerializer
    filterset_class = TechRequestFilterSet
    search_fields = ["reference", "title", "organization_name"]
    ordering_fields = ["created_at", "status_changed_at", "reference"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    export_basename = "tech-requests"

    def sees_confidential(self):
        return True

    def get_queryset(self):
        # Office staff triage their own region's requests only (apps.core.scope).
        return super().get_queryset().visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action == "partial_update":
            return TechRequestUpdateSerializer
        if self.action == "transition":
            return TransitionSerializer
        return TechRequestSerializer

    def get_permissions(self):
        if self.action == "transition":
            return [ChangeOnPostPermissions()]
        return super().get_permissions()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        for name in HANDLING_FIELDS:
            data.pop(name, None)
        submission_key = data.pop("submission_key", None) or f"api-{uuid.uuid4().hex}"
        submission = _service_call(services.request_submit, submission_key=submission_key, **data)
        serializer.instance = self.get_queryset().get(pk=submission.request.pk)

    def perform_update(self, serializer):
        tech_request = serializer.instance
        changes = serializer.validated_data
        assignment = {
            key: changes[field]
            for key, field in [
                ("department", "assigned_department"),
                ("office", "assigned_office"),
                ("assignee", "assignee"),
            ]
            if field in changes
        }
        result = {key: changes[key] for key in ("contract", "project") if key in changes}
        if assignment:
            _service_call(
                services.request_assign,
                tech_request=tech_request,
                user=self.request.user,
                **assignment,
            )
        if result:
            _service_call(
                services.request_link_result,
                tech_request=tech_request,
                user=self.request.user,
                **result,
            )
        serializer.instance = self.get_queryset().get(pk=tech_request.pk)

    @extend_schema(request=TransitionSerializer, responses=TechRequestSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the request to another status, with an optional message to the partner."""
        tech_request = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.request_transition(
                tech_request=tech_request,
                to_status=serializer.validated_data["status"],
                actor=Actor.STAFF,
                user=request.user,
                message=serializer.validated_data["message"],
            )
        except DjangoValidationError as error:
            raise ValidationError({"status": error.messages}) from error
        refreshed = self.get_queryset().get(pk=tech_request.pk)
        return Response(TechRequestSerializer(refreshed, context={"request": request}).data)
