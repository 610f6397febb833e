"""Thin Celery tasks: they take ids and call services, and may run twice without harm."""

from celery import shared_task

from apps.experts import services


@shared_task(ignore_result=True)
def relay_message(message_id):
    return services.expert_message_relay(message_id=message_id)
