"""Thin Celery tasks calling the outcomes' services; safe to run twice."""

from celery import shared_task

from apps.outcomes import services


@shared_task(ignore_result=True)
def remind_agreements_behind():
    return services.agreements_remind_behind()
