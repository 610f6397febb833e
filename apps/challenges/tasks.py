"""Thin Celery tasks: they take ids and call services, and may run twice without harm."""

from celery import shared_task

from apps.challenges import services


@shared_task(ignore_result=True)
def send_stage_email(notification_id):
    return services.stage_email_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def send_pending_stage_emails():
    return services.stage_emails_send_pending()
