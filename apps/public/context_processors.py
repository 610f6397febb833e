"""What every page's frame shows: the department's contact and the illustrative-data notice."""

from django.conf import settings

from apps.core.models import pick_language
from apps.figures.selectors import illustrative_records


def site(request):
    contact = settings.DEPARTMENT_CONTACT
    return {
        "department_address": pick_language(contact["address_zh"], contact["address_en"]),
        "department_phone": contact["phone"],
        "department_email": contact["email"],
        # Asked only by a page that shows the notice (the public frame), and then once.
        "illustrative_data": illustrative_records,
    }
