"""The server-error handler: a failing database or broker is a 503 in the visitor's language.

Django calls ``handler500`` inside its exception handling, wherever in the middleware chain or
view the exception arose, so ``sys.exc_info()`` names it. Nothing already saved is lost: the
failing request's transaction is rolled back, committed work stays, and the visitor's browser
still holds what they typed (the page tells them to go back and send it again).
"""

import sys

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

from apps.core.middleware import wants_json

# What a failing PostgreSQL or Redis (cache or Celery broker) raises while a request is served.
SERVICE_ERRORS = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if not isinstance(error, SERVICE_ERRORS):
        return django_server_error(request)
    # Django has logged the exception already (as it does for every answer of 500 and above).
    if wants_json(request):
        response = JsonResponse(
            {"detail": _("The service is briefly unavailable; please try again.")}, status=503
        )
    else:
        response = render(request, "core/unavailable.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
