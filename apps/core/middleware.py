from django.conf import settings
from django.utils import translation

ADMIN_PREFIX = "/admin/"


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
