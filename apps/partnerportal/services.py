"""Partner sign-in by e-mail link, and the partner's own page read from the registry.

A link is ``TimestampSigner``-signed 256 random bits: it expires after
PARTNER_SIGNIN_LINK_MAX_AGE (the signature's age and the row's ``expires_at`` both say so), it
cannot be guessed or forged (the HMAC under the secret key), and it works once: its row, found
by the nonce's SHA-256, is locked and marked used in one transaction. A partner's session is a
key of its own in the Django session, never a Django user: partners are not staff.
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.registry import registry
from apps.partnerportal.models import SignInLink
from apps.partners.selectors import normalized_email, organization_for_email

logger = logging.getLogger(__name__)

LINK_SALT = "apps.partnerportal.signin-link"
SESSION_KEY = "partnerportal_account"
# Links are deleted this long after they expired (housekeeping at each new link).
KEEP_EXPIRED = timedelta(days=1)


@dataclass(frozen=True)
class PartnerAccount:
    """Who is signed in: the address the link went to and the organization it speaks for
    (None until staff confirm the address: it then sees only what it sent itself)."""

    email: str
    organization: object = None


def account_for(email):
    email = normalized_email(email)
    return PartnerAccount(email=email, organization=organization_for_email(email))


def partner_sections():
    """Every record type's ``partner=`` section, in their order."""
    sections = [t.hook("partner") for t in registry.all() if t.hook("partner") is not None]
    return sorted(sections, key=lambda section: (section.order, section.key))


def partner_page(account):
    """The sections of the page with their rows: ``[(section, rows)]``."""
    return [(section, section.rows(account)) for section in partner_sections()]


def is_known(email):
    """Whether a link to this address would show anything: it speaks for an organization, or
    some record type has rows for it (the requests it sent …)."""
    account = account_for(email)
    if account.organization is not None:
        return True
    return any(section.rows(account) for section in partner_sections())


def _nonce_hash(nonce):
    return hashlib.sha256(nonce.encode()).hexdigest()


def _signer():
    return signing.TimestampSigner(salt=LINK_SALT)


def _max_age():
    return timedelta(seconds=settings.PARTNER_SIGNIN_LINK_MAX_AGE)


def signin_link_url(token, language):
    with translation.override(language):
        path = reverse("partnerportal:signin_link", kwargs={"token": token})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def signin_link_send(*, email, language):
    """E-mail a sign-in link to a known address; to an unknown one, nothing (the form's
    answer is the same either way). Returns whether a link was sent."""
    email = normalized_email(email)
    now = timezone.now()
    SignInLink.objects.filter(expires_at__lt=now - KEEP_EXPIRED).delete()
    if not is_known(email):
        logger.info("Partner sign-in asked for an address with nothing to show")
        return False
    nonce = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        email=email,
        nonce_hash=_nonce_hash(nonce),
        language=language,
        created_at=now,
        expires_at=now + _max_age(),
    )
    token = _signer().sign(nonce)
    minutes = settings.PARTNER_SIGNIN_LINK_MAX_AGE // 60
    with translation.override(language):
        subject = _("Your sign-in link to the cooperation portal")
        body = render_to_string(
            "partnerportal/email/signin_link.txt",
            {"url": signin_link_url(token, language), "minutes": minutes, "email": email},
        )
    EmailMessage(subject=subject, body=body, to=[email]).send()
    return True


class LinkInvalid(Exception):
    """Expired, already used, altered or never made: the partner asks for a new link."""


def _valid_row(token, *, lock):
    try:
        nonce = _signer().unsign(token, max_age=_max_age())
    except signing.BadSignature as error:  # SignatureExpired is one
        raise LinkInvalid from error
    links = SignInLink.objects.filter(nonce_hash=_nonce_hash(nonce))
    link = (links.select_for_update() if lock else links).first()
    if link is None or link.used_at is not None or link.expires_at <= timezone.now():
        raise LinkInvalid
    return link


def signin_link_check(token):
    """The link's address if it would still sign in, without using it (the landing page)."""
    return _valid_row(token, lock=False).email


def signin_link_consume(token):
    """Use the link: its address, once; a second use (or a race) raises ``LinkInvalid``."""
    with transaction.atomic():
        link = _valid_row(token, lock=True)
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    return link.email


# --------------------------------------------------------------------------- the session


def session_sign_in(request, email):
    """A new session key (no fixation), holding the partner's address only."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"email": normalized_email(email), "at": int(time.time())}


def session_account(request):
    """The signed-in partner's account, read afresh (staff may have confirmed or withdrawn the
    address since), or None."""
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict) or not held.get("email"):
        return None
    if time.time() - held.get("at", 0) > settings.PARTNER_SESSION_MAX_AGE:
        request.session.pop(SESSION_KEY, None)
        return None
    return account_for(held["email"])


def session_sign_out(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
