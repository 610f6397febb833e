"""Subscriptions (double opt-in, one-click unsubscribe) and the weekly digest.

The digest reads every record type's ``digest=`` source from the registry, once per language
per run, and matches each confirmed subscription in memory: the items are the week's new
public records, a few hundred at most, whatever the number of subscribers.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.registry import registry
from apps.subscriptions.models import DigestDelivery, DigestRun, Subscription

logger = logging.getLogger(__name__)

CONFIRM_SALT = "apps.subscriptions.confirm"
UNSUBSCRIBE_SALT = "apps.subscriptions.unsubscribe"
WEEK = timedelta(days=7)
MAX_KEYWORDS = 10


def parse_keywords(text):
    """Keywords as typed, separated by commas, semicolons or spaces (Chinese or Latin)."""
    for separator in ",，;；、\n\t":
        text = text.replace(separator, " ")
    seen = []
    for word in text.split():
        if word.lower() not in [w.lower() for w in seen]:
            seen.append(word[:40])
    return seen[:MAX_KEYWORDS]


def _absolute(path):
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _url(name, token, language):
    with translation.override(language):
        return _absolute(reverse(name, kwargs={"token": token}))


def confirm_token(subscription):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscription.public_id))


def unsubscribe_token(subscription):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscription.public_id))


def unsubscribe_url(subscription):
    return _url("subscriptions:unsubscribe", unsubscribe_token(subscription), subscription.language)


# --------------------------------------------------------------------------- subscribing


def subscription_request(*, email, language, industries=(), keywords=(), provinces=()):
    """Keep what the visitor asked for, unconfirmed, and send the confirmation link (the only
    e-mail an unconfirmed address ever gets). The same for a new or a subscribed address."""
    with transaction.atomic():
        subscription = Subscription(
            email=email.strip().lower(),
            language=language,
            industries=sorted(set(industries)),
            keywords=list(keywords),
        )
        subscription.full_clean(exclude=["provinces"])
        subscription.save()
        subscription.provinces.set(provinces)
    return subscription


def confirmation_send(*, subscription_id):
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is None:
        return False
    days = settings.SUBSCRIPTION_CONFIRM_MAX_AGE // 86400
    with translation.override(subscription.language):
        subject = _("Confirm your subscription to the cooperation portal")
        body = render_to_string(
            "subscriptions/email/confirm.txt",
            {
                "url": _url(
                    "subscriptions:confirm", confirm_token(subscription), subscription.language
                ),
                "days": days,
                "subscription": subscription,
            },
        )
    EmailMessage(subject=subject, body=body, to=[subscription.email]).send()
    return True


class TokenInvalid(Exception):
    pass


def _subscription_for(token, salt, max_age=None):
    try:
        if max_age is None:
            public_id = signing.Signer(salt=salt).unsign(token)
        else:
            public_id = signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.BadSignature as error:
        raise TokenInvalid from error
    subscription = Subscription.objects.filter(public_id=public_id).first()
    if subscription is None:
        raise TokenInvalid
    return subscription


def subscription_for_confirmation(token):
    return _subscription_for(
        token, CONFIRM_SALT, max_age=timedelta(seconds=settings.SUBSCRIPTION_CONFIRM_MAX_AGE)
    )


def subscription_confirm(*, token):
    """Confirm the subscription; it replaces the address's earlier one. Idempotent."""
    with transaction.atomic():
        subscription = subscription_for_confirmation(token)
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.confirmed_at is None:
            Subscription.objects.filter(email__iexact=subscription.email).exclude(
                pk=subscription.pk
            ).delete()
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at", "updated_at"])
    return subscription


def subscription_for_unsubscribe(token):
    return _subscription_for(token, UNSUBSCRIBE_SALT)


def subscription_cancel(*, token):
    """Unsubscribe: the subscription is deleted, address and all. Idempotent: a link used
    twice says the same."""
    try:
        subscription = subscription_for_unsubscribe(token)
    except TokenInvalid:
        return False
    subscription.delete()
    return True


# --------------------------------------------------------------------------- the digest


def digest_sources():
    sources = [t.hook("digest") for t in registry.all() if t.hook("digest") is not None]
    return sorted(sources, key=lambda source: (source.order, source.key))


def item_matches(subscription, item, province_ids):
    """Industries, regions and keywords each narrow (any of those chosen); one left empty
    narrows nothing. Items that name no industry (events) are not narrowed by industry."""
    chosen_industries = set(subscription.industries)
    if chosen_industries and item.industries and not chosen_industries & set(item.industries):
        return False
    if province_ids and item.province_id not in province_ids:
        return False
    if subscription.keywords:
        text = f"{item.title} {item.summary} {item.text}".lower()
        if not any(keyword.lower() in text for keyword in subscription.keywords):
            return False
    return True


def digest_for(subscription, sections):
    """``sections``: ``[(source, items)]`` in the subscriber's language; the matching part."""
    province_ids = {province.pk for province in subscription.provinces.all()}
    chosen = []
    for source, items in sections:
        matched = [item for item in items if item_matches(subscription, item, province_ids)]
        if matched:
            chosen.append((source, matched))
    return chosen


def _run_for(now):
    year, week, _weekday = timezone.localdate(now).isocalendar()
    occasion = f"{year}-W{week:02d}"
    run = DigestRun.objects.filter(occasion=occasion).first()
    if run is not None:
        return run
    previous = DigestRun.objects.order_by("-until").first()
    oldest = now - timedelta(days=settings.SUBSCRIPTION_DIGEST_MAX_DAYS)
    since = max(previous.until, oldest) if previous else now - WEEK
    try:
        with transaction.atomic():
            return DigestRun.objects.create(occasion=occasion, since=since, until=now)
    except IntegrityError:
        return DigestRun.objects.get(occasion=occasion)


def _send_digest(run, subscription, chosen):
    count = sum(len(items) for _source, items in chosen)
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(
                run=run, subscription=subscription, items=count
            )
    except IntegrityError:
        return False
    unsubscribe = unsubscribe_url(subscription)
    with translation.override(subscription.language):
        subject = _("This week on the cooperation portal: %(count)s new") % {"count": count}
        body = render_to_string(
            "subscriptions/email/digest.txt",
            {
                "sections": chosen,
                "base_url": settings.PUBLIC_BASE_URL.rstrip("/"),
                "unsubscribe_url": unsubscribe,
                "subscription": subscription,
            },
        )
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except Exception:
        delivery.delete()
        raise
    DigestDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    return True


def digests_send(*, now=None):
    """This week's digest to every confirmed subscription with something new that matches;
    nothing to those with nothing. A second run in the same week sends nothing again.
    Returns the number of e-mails sent."""
    now = now or timezone.now()
    # Unconfirmed subscriptions whose link has expired are forgotten.
    Subscription.objects.filter(
        confirmed_at=None,
        created_at__lt=now - timedelta(seconds=settings.SUBSCRIPTION_CONFIRM_MAX_AGE),
    ).delete()
    run = _run_for(now)
    sources = digest_sources()
    sections = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            sections[language] = [(source, list(source.items(run.since))) for source in sources]
    if not any(items for by_language in sections.values() for _s, items in by_language):
        return 0
    subscriptions = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .exclude(deliveries__run=run)
        .prefetch_related("provinces")
        .order_by("pk")
    )
    sent = 0
    for subscription in subscriptions:
        chosen = digest_for(subscription, sections.get(subscription.language, []))
        if chosen:
            sent += _send_digest(run, subscription, chosen)
    return sent
