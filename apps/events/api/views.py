from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import RECORD_STAFF_COLUMNS, region_columns
from apps.core.rest.pagination import KeysetPagination
from apps.core.rest.viewsets import RecordViewSet
from apps.events.api.serializers import EventSerializer, PublicEventSerializer
from apps.events.filters import ExchangeEventFilterSet
from apps.events.models import ExchangeEvent


class EventViewSet(RecordViewSet):
    """Exchange events: fairs, match-making, training programmes, visits, forums, signings."""

    pagination_class = KeysetPagination
    queryset = ExchangeEvent.objects.select_related("province", "city", "office", "department")
    public_serializer_class = PublicEventSerializer
    staff_serializer_class = EventSerializer
    filterset_class = ExchangeEventFilterSet
    search_fields = ["code", "title_zh", "title_en", "organizer"]
    ordering_fields = ["start_on", "code", "participants"]
    export_basename = "events"
    export = ExportSpec(
        public=[
            Column("id"),
            Column("code"),
            Column("title_zh"),
            Column("title_en"),
            Column("kind"),
            Column("start_on"),
            Column("end_on"),
            *region_columns(),
            Column("office_code", "office__code"),
            Column("department_code", "department__code"),
            Column("organizer"),
            Column("participants"),
            Column("outcomes_zh"),
            Column("outcomes_en"),
            Column("is_illustrative"),
        ],
        staff=RECORD_STAFF_COLUMNS,
    )
