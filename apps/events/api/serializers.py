from apps.core.models import Department
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.events.models import ExchangeEvent
from apps.offices.models import CooperationOffice
from apps.regions.api.serializers import RegionFieldsMixin

EVENT_FIELDS = [
    "id",
    "code",
    "title_zh",
    "title_en",
    "kind",
    "start_on",
    "end_on",
    "province",
    "province_name",
    "city",
    "city_name",
    "office",
    "department",
    "department_name",
    "organizer",
    "participants",
    "outcomes_zh",
    "outcomes_en",
    "is_illustrative",
]


class PublicEventSerializer(RegionFieldsMixin, CleanModelSerializer):
    office = CodeField(
        queryset=CooperationOffice.objects.all(), allow_null=True, required=False, default=None
    )
    department = CodeField(
        queryset=Department.objects.all(), allow_null=True, required=False, default=None
    )
    department_name = name_of("department")

    class Meta:
        model = ExchangeEvent
        fields = EVENT_FIELDS


class EventSerializer(PublicEventSerializer):
    class Meta(PublicEventSerializer.Meta):
        fields = EVENT_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS
