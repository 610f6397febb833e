"""Login lock-out after repeated failures (django-axes), first in AUTHENTICATION_BACKENDS."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    Every login form and the API token view pass the request, so they are protected. A call to
    ``authenticate()`` without a request (Django's test ``Client.login``, management scripts)
    has no client to count failures against: it is left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
