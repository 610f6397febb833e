import logging

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.text import has_control_characters

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"
ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# What a failing PostgreSQL or Redis raises while a request is served.
SERVICE_ERRORS = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)


class AdminLanguageMiddleware:
    """Let staff choose the admin's language.

    The public site takes its language from the URL (Chinese unprefixed, English under /en/),
    which would pin the unprefixed /admin/ to Chinese. In the admin the language cookie set by
    the header's language switch decides instead, Chinese by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def _wants_json(request):
    return request.path_info.startswith(API_PREFIX)


class RefuseInvalidInputMiddleware:
    """Refuse what cannot be valid before a view, the database or a cache key sees it.

    A path with a control character names no page (404); a query string with a control
    character or a value longer than ``QUERY_VALUE_MAX_LENGTH`` is answered 400 in the
    visitor's language (JSON under /api/); TRACE and TRACK, which would echo the request, are
    not allowed (405). It runs after the locale middleware so its pages speak the visitor's
    language.
    """

    REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.REFUSED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        if has_control_characters(request.path_info):
            raise Http404(_("The address contains characters that no page has."))
        problem = self._query_problem(request)
        if problem:
            return bad_request(request, problem)
        return self.get_response(request)

    @staticmethod
    def _query_problem(request):
        limit = settings.QUERY_VALUE_MAX_LENGTH
        for key, values in request.GET.lists():
            for text in (key, *values):
                if has_control_characters(text):
                    return _("The address contains control characters (such as NUL).")
                if len(text) > limit:
                    return _("A value in the address is longer than %(limit)d characters.") % {
                        "limit": limit
                    }
        return None


def bad_request(request, problem):
    if _wants_json(request):
        return JsonResponse({"detail": str(problem)}, status=400)
    return render(request, "core/bad_request.html", {"problem": problem}, status=400)


class ServiceUnavailableMiddleware:
    """A database or broker failure during a request: a 503 page in the visitor's language.

    Nothing already saved is lost: the failing request's transaction is rolled back by Django,
    committed work stays, and the visitor's browser still holds what they typed (the page
    tells them to go back and send again).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SERVICE_ERRORS):
            return None
        logger.error(
            "Service unavailable during %s %s", request.method, request.path, exc_info=True
        )
        if _wants_json(request):
            response = JsonResponse(
                {"detail": str(_("The service is briefly unavailable; please try again."))},
                status=503,
            )
        else:
            response = render(request, "core/unavailable.html", status=503)
        response["Retry-After"] = "30"
        return response
