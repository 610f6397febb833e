from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.text import has_control_characters

ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"
ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


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


def wants_json(request):
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
    if wants_json(request):
        return JsonResponse({"detail": str(problem)}, status=400)
    return render(request, "core/bad_request.html", {"problem": problem}, status=400)
