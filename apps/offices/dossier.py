"""The offices app's section of a region's dossier (``apps.core.dossier``): its offices with
their own (public) telephone and mailbox, and a person's contact details in the staff dossier
only (their events: the events app's
section)."""

from apps.core.dossier import DossierSection
from apps.offices.models import CooperationOffice


def _offices(context):
    offices = list(
        context.records_of(CooperationOffice.objects.all()).order_by("opened_on", "code")
    )
    context.records["offices"] = offices
    staff = context.staff
    context.data["offices"] = [
        {
            "name": o.name,
            "opened_on": o.opened_on,
            "closed_on": o.closed_on,
            "address": o.address,
            # The office's own line and mailbox: public office information.
            "phone": o.office_phone,
            "email": o.office_email,
            "contact_name": o.contact_name if staff else "",
            "contact_phone": o.contact_phone if staff else "",
            "contact_email": o.contact_email if staff else "",
            "events": 0,
        }
        for o in offices
    ]


OFFICES = DossierSection(50, _offices)
