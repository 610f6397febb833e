"""Thin tasks: the sign-in link is made and sent off the request path, so the form answers in
the same time whether or not the address is known."""

from celery import shared_task

from apps.partnerportal import services


@shared_task(ignore_result=True)
def send_signin_link(email, language):
    return services.signin_link_send(email=email, language=language)
