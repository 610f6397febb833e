"""The partner's sign-in by e-mail link, its own page and sign-out. Views parse input and call
services; the sign-in form answers the same for every address (no way to learn who is known).
"""

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.partnerportal import services, tasks
from apps.partnerportal.forms import HONEYPOT_FIELD, SignInForm
from apps.requests import ratelimit

logger = logging.getLogger(__name__)


def _private(response):
    """Pages of a signed-in partner or behind a link: never cached, never indexed, never sent
    as a referrer to another site."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request):
    return _private(
        render(
            request,
            "partnerportal/refused.html",
            {
                "title": _("Too many sign-in requests"),
                "text": _(
                    "We have been asked for many sign-in links for this address or from your "
                    "network in the last hour. Please try again later."
                ),
            },
            status=429,
        )
    )


def _send_link(email, language):
    try:
        tasks.send_signin_link.apply_async((email, language), retry=False)
    except Exception:  # noqa: BLE001 — broker away: make the link here rather than lose it
        logger.warning("Broker unavailable; sign-in link sent in the request", exc_info=True)
        services.signin_link_send(email=email, language=language)


@never_cache
@require_http_methods(["GET", "POST"])
def signin(request):
    if request.method == "GET":
        if services.session_account(request) is not None:
            return redirect("partnerportal:page")
        return _private(render(request, "partnerportal/signin.html", {"form": SignInForm()}))

    address = ratelimit.client_address(request)
    if not ratelimit.hit("partner-signin-ip", address, settings.PARTNER_SIGNIN_RATE_PER_IP):
        return _too_many(request)
    if request.POST.get(HONEYPOT_FIELD):
        logger.info("Partner sign-in ignored: honeypot filled from %s", address)
        return redirect("partnerportal:signin_sent")
    form = SignInForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "partnerportal/signin.html", {"form": form}))
    email = form.cleaned_data["email"].strip().lower()
    if not ratelimit.hit("partner-signin-email", email, settings.PARTNER_SIGNIN_RATE_PER_EMAIL):
        return _too_many(request)
    _send_link(email, get_language())
    return redirect("partnerportal:signin_sent")


@never_cache
@require_GET
def signin_sent(request):
    minutes = settings.PARTNER_SIGNIN_LINK_MAX_AGE // 60
    return _private(render(request, "partnerportal/signin_sent.html", {"minutes": minutes}))


def _link_refused(request):
    return _private(
        render(
            request,
            "partnerportal/refused.html",
            {
                "title": _("This sign-in link no longer works"),
                "text": _(
                    "It has expired, has already been used, or was not copied whole. "
                    "Each link works once, for a short time. Ask for a new one."
                ),
                "ask_again": True,
            },
            status=400,
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def signin_link(request, token):
    """GET shows a button and uses nothing (mail scanners open links); POST signs in."""
    if request.method == "GET":
        try:
            email = services.signin_link_check(token)
        except services.LinkInvalid:
            return _link_refused(request)
        return _private(render(request, "partnerportal/signin_link.html", {"email": email}))
    try:
        email = services.signin_link_consume(token)
    except services.LinkInvalid:
        return _link_refused(request)
    services.session_sign_in(request, email)
    return redirect("partnerportal:page")


@never_cache
@require_GET
def page(request):
    account = services.session_account(request)
    if account is None:
        return redirect("partnerportal:signin")
    context = {"account": account, "sections": services.partner_page(account)}
    return _private(render(request, "partnerportal/page.html", context))


@require_POST
def signout(request):
    services.session_sign_out(request)
    return redirect("partnerportal:signin")
