"""What every page's frame shows: the department's contact and the illustrative-data notice."""

from django.conf import settings
from redis.exceptions import RedisError

from apps.core.models import pick_language
from apps.public.cache import cached
from apps.public.selectors import illustrative_data_loaded


def _illustrative_data():
    try:
        return cached("illustrative", illustrative_data_loaded)
    except RedisError:
        # Pages are still served while Redis is away: ask the database itself.
        return illustrative_data_loaded()


def site(request):
    contact = settings.DEPARTMENT_CONTACT
    return {
        "department_address": pick_language(contact["address_zh"], contact["address_en"]),
        "department_phone": contact["phone"],
        "department_email": contact["email"],
        "illustrative_data": _illustrative_data,
    }
