"""Subscribing (double opt-in), confirming and unsubscribing. The form answers the same for a
new or a subscribed address; the unsubscribe link works without signing in, and mail
clients may POST to it directly (RFC 8058 one-click)."""

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from apps.requests import ratelimit
from apps.subscriptions import services, tasks
from apps.subscriptions.forms import HONEYPOT_FIELD, SubscribeForm

logger = logging.getLogger(__name__)


def _private(response):
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(request, title, text, status=200, **extra):
    context = {"title": title, "text": text, **extra}
    return _private(render(request, "subscriptions/message.html", context, status=status))


def _send_confirmation(subscription_id):
    try:
        tasks.send_confirmation.apply_async((subscription_id,), retry=False)
    except Exception:  # noqa: BLE001 — broker away: send it from here
        logger.warning("Broker unavailable; confirmation sent in the request", exc_info=True)
        services.confirmation_send(subscription_id=subscription_id)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return _private(render(request, "subscriptions/subscribe.html", {"form": SubscribeForm()}))
    address = ratelimit.client_address(request)
    too_many = (
        _("Too many subscriptions"),
        _(
            "We have received many subscriptions for this address or from your network in the "
            "last hour. Please try again later."
        ),
    )
    if not ratelimit.hit("subscribe-ip", address, settings.SUBSCRIPTION_RATE_PER_IP):
        return _page(request, *too_many, status=429)
    if request.POST.get(HONEYPOT_FIELD):
        logger.info("Subscription ignored: honeypot filled from %s", address)
        return redirect("subscriptions:sent")
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "subscriptions/subscribe.html", {"form": form}))
    data = form.cleaned_data
    email = data["email"].strip().lower()
    if not ratelimit.hit("subscribe-email", email, settings.SUBSCRIPTION_RATE_PER_EMAIL):
        return _page(request, *too_many, status=429)
    subscription = services.subscription_request(
        email=email,
        language=get_language(),
        industries=data["industries"],
        keywords=data["keywords"],
        provinces=data["provinces"],
    )
    _send_confirmation(subscription.pk)
    return redirect("subscriptions:sent")


@never_cache
@require_GET
def sent(request):
    return _page(
        request,
        _("Check your e-mail"),
        _(
            "We have sent a confirmation link to the address you gave. Nothing else is sent "
            "until you open it and confirm."
        ),
    )


def _bad_link(request):
    return _page(
        request,
        _("This link no longer works"),
        _(
            "It has expired, was not copied whole, or the subscription is gone. You may "
            "subscribe again."
        ),
        status=400,
        subscribe_again=True,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    try:
        subscription = services.subscription_for_confirmation(token)
    except services.TokenInvalid:
        return _bad_link(request)
    if request.method == "POST":
        services.subscription_confirm(token=token)
        return _page(
            request,
            _("Subscription confirmed"),
            _("You will receive a digest each week with something new that matches."),
        )
    return _private(render(request, "subscriptions/confirm.html", {"subscription": subscription}))


@csrf_exempt  # RFC 8058: the mail client POSTs without a form; the signed link authenticates
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        services.subscription_cancel(token=token)
        return _page(
            request,
            _("You are unsubscribed"),
            _("We will send no more digests to this address, and have deleted it."),
            subscribe_again=True,
        )
    try:
        subscription = services.subscription_for_unsubscribe(token)
    except services.TokenInvalid:
        return _page(
            request,
            _("You are unsubscribed"),
            _("This address receives no digest from us."),
            subscribe_again=True,
        )
    return _private(
        render(request, "subscriptions/unsubscribe.html", {"subscription": subscription})
    )
