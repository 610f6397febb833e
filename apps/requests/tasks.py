"""Thin Celery tasks: they take ids and call services, and may run twice without harm."""

from celery import shared_task

from apps.requests import services


@shared_task(ignore_result=True)
def send_notification(notification_id):
    return services.notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def send_pending_notifications():
    return services.notifications_send_pending()


@shared_task(ignore_result=True)
def remind_waiting_requests():
    return services.requests_remind_waiting()
