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
