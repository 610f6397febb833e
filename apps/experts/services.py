"""Writes of the experts app: a partner's message is saved first, then relayed by e-mail to the
expert with a copy to staff once the transaction has committed."""

import logging

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.experts.models import ExpertMessage

logger = logging.getLogger(__name__)

RELAY_TASK = "apps.experts.tasks.relay_message"


@transaction.atomic
def expert_message_send(
    *, expert, sender_name, organization, email, body, language, submitted_from=None
):
    """Save a partner's message to a published expert; it is relayed once this commits.

    Raises ``ValidationError`` (the model's rules, the portal's text rules among them) and
    saves nothing when refused."""
    message = ExpertMessage(
        expert=expert,
        sender_name=sender_name,
        organization=organization,
        email=email,
        body=body,
        language=language,
        submitted_from=submitted_from,
    )
    message.full_clean()
    message.save()
    transaction.on_commit(lambda: enqueue_relay(message.pk))
    return message


def enqueue_relay(message_id):
    """Hand the relay to the worker; where the broker cannot take it, relay it here and now
    (a partner's message must not wait for a broker that may not come back)."""
    try:
        current_app.tasks[RELAY_TASK].apply_async((message_id,), retry=False)
    except Exception:  # noqa: BLE001 - any broker failure: relay in this process instead
        logger.warning("Broker unavailable; relaying expert message %s now", message_id)
        expert_message_relay(message_id=message_id)


def _staff_copy_recipients():
    return [address for address in settings.STAFF_NOTIFICATION_EMAILS if address]


def relay_emails(message):
    """The e-mail to the expert (answers go to the sender) and the staff's copy, in the
    portal's language for the expert and staff."""
    expert = message.expert
    page = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
        "public:expert_detail", args=[expert.code]
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {"message": message, "expert": expert, "page": page}
        subject = _("A partner writes to you through the cooperation portal: %(organization)s")
        subject = " ".join((subject % {"organization": message.organization}).split())
        to_expert = EmailMessage(
            subject=subject,
            body=render_to_string("experts/email/to_expert.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[expert.email],
            reply_to=[message.email],
            headers={"X-Coop-Expert-Message": str(message.pk)},
        )
        emails = [to_expert]
        staff = _staff_copy_recipients()
        if staff:
            staff_subject = _("Copy: a message relayed to %(expert)s") % {"expert": expert.name}
            emails.append(
                EmailMessage(
                    subject=" ".join(staff_subject.split()),
                    body=render_to_string("experts/email/staff_copy.txt", context),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=staff,
                    headers={"X-Coop-Expert-Message": str(message.pk)},
                )
            )
    return emails


def expert_message_relay(*, message_id):
    """Relay one saved message that has not gone yet. True if this call relayed it.

    The row is locked (``FOR UPDATE SKIP LOCKED``) and marked relayed in the same transaction,
    so a task delivered twice, or a task and a staff member's "relay again", send it once."""
    with transaction.atomic():
        message = (
            ExpertMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("expert__department")
            .filter(pk=message_id, relayed_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        message.relay_attempts += 1
        try:
            for email in relay_emails(message):
                email.send()
        except Exception as error:  # noqa: BLE001 - kept on the row; staff relay it again
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            message.save(update_fields=["relay_attempts", "last_error", "updated_at"])
            logger.warning("Relaying expert message %s failed", message_id, exc_info=True)
            return False
        message.relayed_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["relay_attempts", "last_error", "relayed_at", "updated_at"])
    return True
