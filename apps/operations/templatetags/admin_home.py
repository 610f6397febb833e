from django import template

from apps.operations.services import unaddressed_reminders
from apps.requests.models import TechRequest
from apps.requests.selectors import new_requests_nobody_told

register = template.Library()

SHOWN = 10


@register.simple_tag
def reminders_without_recipient():
    """The newest reminders nobody could be sent, and how many there are in all."""
    reminders = unaddressed_reminders()
    return {"count": reminders.count(), "latest": list(reminders[:SHOWN])}


@register.simple_tag
def requests_nobody_told(user):
    """The new technology requests (of the user's region) no staff member was told of."""
    requests = new_requests_nobody_told(TechRequest.objects.visible_to(user))
    return {"count": requests.count(), "latest": list(requests[:SHOWN])}
