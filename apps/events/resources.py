"""The spreadsheet import of exchange events (``import_resource=`` on its registration; the
machinery is ``apps.core.importing``)."""

from django.utils.translation import gettext_lazy as _

from apps.core.importing import END_AFTER_START, StaffResource, related_field
from apps.events.models import ExchangeEvent
from apps.regions.importing import region_fields


class ExchangeEventResource(StaffResource):
    province, city = region_fields()
    office = related_field(ExchangeEvent, "office")
    department = related_field(ExchangeEvent, "department")
    constraint_messages = {
        "events_exchangeevent_end_after_start": ("end_on", END_AFTER_START),
        "events_exchangeevent_participants_not_negative": (
            "participants",
            _("The number of participants cannot be negative."),
        ),
    }

    class Meta(StaffResource.Meta):
        model = ExchangeEvent
        import_id_fields = ("code",)
        fields = (
            "code",
            "title_zh",
            "title_en",
            "kind",
            "start_on",
            "end_on",
            "province",
            "city",
            "office",
            "department",
            "organizer",
            "participants",
            "outcomes_zh",
            "outcomes_en",
            "is_public",
        )
