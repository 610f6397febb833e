"""What every page's frame shows: the department's contact and the illustrative-data notice."""

from django.conf import settings

from apps.core.models import pick_language
from apps.public.cache import cached
from apps.public.selectors import illustrative_data_loaded


def site(request):
    contact = settings.DEPARTMENT_CONTACT
    return {
        "department_address": pick_language(contact["address_zh"], contact["address_en"]),
        "department_phone": contact["phone"],
        "department_email": contact["email"],
        "illustrative_data": lambda: cached("illustrative", illustrative_data_loaded),
    }
