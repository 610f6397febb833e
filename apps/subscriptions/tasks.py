"""Thin tasks: confirmation e-mails and the weekly digest (may run twice without harm)."""

from celery import shared_task

from apps.subscriptions import services


@shared_task(ignore_result=True)
def send_confirmation(subscription_id):
    return services.confirmation_send(subscription_id=subscription_id)


@shared_task(ignore_result=True)
def send_digests():
    return services.digests_send()
