from django import template

from apps.operations.services import unaddressed_reminders

register = template.Library()

SHOWN = 10


@register.simple_tag
def reminders_without_recipient():
    """The newest reminders nobody could be sent, and how many there are in all."""
    reminders = unaddressed_reminders()
    return {"count": reminders.count(), "latest": list(reminders[:SHOWN])}
