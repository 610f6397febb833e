"""Technology requests through the API: staff only, and every write through the services, so
the workflow's transitions, audit rows and emails are the admin's."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.agreements.models import Contract
from apps.core.models import Department
from apps.core.rest.serializers import CodeField, InputSerializer, name_of
from apps.offices.models import CooperationOffice
from apps.projects.models import CooperationProject
from apps.regions.models import City, Province
from apps.requests import submission
from apps.requests.choices import RequestStatus
from apps.requests.models import RequestAttachment, TechRequest


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestAttachment
        fields = ["id", "original_name", "content_type", "size", "created_at"]
        read_only_fields = fields


# What a partner states, as the public form takes it (``apps.requests.submission``), and the
# partner's language, which the form reads from the page.
SUBMITTED_FIELDS = [*submission.SUBMITTED_FIELDS, "language"]
HANDLING_FIELDS = ["assigned_department", "assigned_office", "assignee", "contract", "project"]


class TechRequestSerializer(InputSerializer):
    """A request as staff see it. Its tracking secrets are never shown."""

    province = CodeField(queryset=Province.objects.all())
    province_name = name_of("province")
    city = CodeField(queryset=City.objects.all(), allow_null=True, required=False, default=None)
    city_name = name_of("city")
    assigned_department = CodeField(
        queryset=Department.objects.all(), allow_null=True, required=False
    )
    assigned_office = CodeField(
        queryset=CooperationOffice.objects.all(), allow_null=True, required=False
    )
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_staff=True), allow_null=True, required=False
    )
    contract = serializers.PrimaryKeyRelatedField(
        queryset=Contract.objects.all(), allow_null=True, required=False
    )
    project = serializers.PrimaryKeyRelatedField(
        queryset=CooperationProject.objects.all(), allow_null=True, required=False
    )
    attachments = AttachmentSerializer(many=True, read_only=True)
    submission_key = serializers.CharField(
        write_only=True,
        required=False,
        max_length=64,
        help_text="Optional idempotency key: a second create with it returns the first request.",
    )

    class Meta:
        model = TechRequest
        fields = [
            "id",
            "reference",
            "status",
            *SUBMITTED_FIELDS,
            "province_name",
            "city_name",
            *HANDLING_FIELDS,
            "attachments",
            "status_changed_at",
            "first_response_at",
            "matched_at",
            "created_at",
            "updated_at",
            "submission_key",
        ]
        read_only_fields = [
            "reference",
            "status",
            "status_changed_at",
            "first_response_at",
            "matched_at",
            "created_at",
            "updated_at",
        ]
        # As in the form: the partner's consent is given, never assumed (the model's default
        # is no consent, which its check constraint refuses).
        extra_kwargs = {"consent_to_contact": {"required": True}}

    def validate_consent_to_contact(self, value):
        # The model's check constraint, reported on its field before the service runs.
        if not value:
            raise serializers.ValidationError(_("The partner must consent to be contacted."))
        return value

    def validate_phone(self, value):
        return submission.clean_phone(value)

    def validate_description(self, value):
        return submission.clean_description(value)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        creating = self.instance is None
        if creating and attrs.get("city") is None and submission.city_required(attrs["province"]):
            raise serializers.ValidationError({"city": [submission.CITY_REQUIRED]})
        return attrs


class TechRequestUpdateSerializer(TechRequestSerializer):
    """After submission staff change only who handles a request and what it became; the
    partner's own words are not edited."""

    class Meta(TechRequestSerializer.Meta):
        read_only_fields = [
            name
            for name in TechRequestSerializer.Meta.fields
            if name not in HANDLING_FIELDS and name != "submission_key"
        ]


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
