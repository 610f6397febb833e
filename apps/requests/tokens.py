"""The two secrets of a request: the one-time form token and the private tracking token.

The tracking token is an HMAC of the reference and a random salt under the secret key. The
database keeps only the salt and the token's SHA-256, so neither a database copy nor the outbox
holds a working link; the server can still rebuild the link for an email sent later. Looking a
request up by the token's hash compares no secret in Python, so there is no timing to measure.
"""

import base64
import hashlib
import secrets
from datetime import timedelta

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

TRACKING_KEY_SALT = "apps.requests.tracking-token"
SUBMISSION_SALT = "apps.requests.submission-key"
SUBMISSION_MAX_AGE = timedelta(days=2)


def new_tracking_salt():
    return secrets.token_urlsafe(18)


def tracking_token(*, reference, salt):
    digest = salted_hmac(TRACKING_KEY_SALT, f"{reference}:{salt}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


# A random value kept in the visitor's Django session; a form token is valid only with it.
SESSION_BINDING_KEY = "requests_form_binding"


def _session_binding(session, *, create):
    binding = session.get(SESSION_BINDING_KEY)
    if binding is None and create:
        binding = secrets.token_urlsafe(18)
        session[SESSION_BINDING_KEY] = binding
    return binding


def new_submission_token(session):
    """A signed random key for one rendering of the form, bound to the browser's session.

    Posting it twice from that browser finds one request (a double click); posted from any
    other browser (a captured token) it is refused, so it can never show anyone else the
    request it created.
    """
    binding = _session_binding(session, create=True)
    key = secrets.token_urlsafe(24)
    return signing.TimestampSigner(salt=SUBMISSION_SALT).sign(f"{key}.{binding}")


class SubmissionTokenInvalid(Exception):
    pass


def submission_key(token, session):
    """The random key inside a form token, if it is ours, not too old and this session's."""
    try:
        value = signing.TimestampSigner(salt=SUBMISSION_SALT).unsign(
            token, max_age=SUBMISSION_MAX_AGE
        )
    except signing.BadSignature as error:
        raise SubmissionTokenInvalid from error
    key, _dot, binding = value.partition(".")
    expected = _session_binding(session, create=False)
    if not key or expected is None or not constant_time_compare(binding, expected):
        raise SubmissionTokenInvalid
    return key
