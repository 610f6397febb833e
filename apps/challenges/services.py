"""Every write of a challenge goes through ``challenge_save`` (the registry's ``save=``: admin,
API and import alike): the shared ``record_save`` and, when the stage changed, the partner's
e-mail, written to this app's outbox in the same transaction and handed to the worker once it
commits. If the broker is away, the row waits for ``stage_emails_send_pending``."""

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone

from apps.challenges import emails
from apps.challenges.models import Challenge, StageNotification, check_stage_change
from apps.core.services import record_save

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 8
SEND_TASK = "apps.challenges.tasks.send_stage_email"


@transaction.atomic
def challenge_save(*, user, instance, **kwargs):
    """Validate and save a challenge as ``user``; a stage change is checked, stamped and
    told to the partner (one e-mail per change, in the partner's language)."""
    previous = None
    if instance.pk:
        previous = (
            Challenge.objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("stage", flat=True)
            .first()
        )
    changed = previous is not None and previous != instance.stage
    if changed:
        check_stage_change(from_stage=previous, to_stage=instance.stage)
        instance.stage_changed_at = timezone.now()
    saved = record_save(user=user, instance=instance, **kwargs)
    if changed:
        _notify_partner(saved, from_stage=previous)
    return saved


def challenge_move(*, user, challenge, to_stage):
    """Move a challenge to another stage (the admin's action and the demo call this)."""
    challenge.stage = to_stage
    return challenge_save(user=user, instance=challenge)


def _notify_partner(challenge, *, from_stage):
    tech_request = challenge.request
    if not tech_request.email:
        return None
    notification = StageNotification(
        challenge=challenge,
        from_stage=from_stage,
        to_stage=challenge.stage,
        recipients=[tech_request.email],
        language=tech_request.language,
        created_at=challenge.stage_changed_at,
        next_attempt_at=challenge.stage_changed_at,
    )
    notification.full_clean()
    notification.save()
    transaction.on_commit(lambda: enqueue_stage_email(notification.pk))
    return notification


def enqueue_stage_email(notification_id):
    """Hand one e-mail to the worker's notifications queue; if the broker is away, the sweep
    sends it later. The task is looked up by name: the tasks module imports this one."""
    try:
        current_app.tasks[SEND_TASK].apply_async(
            (notification_id,), queue="notifications", retry=False
        )
    except Exception:  # noqa: BLE001 — any broker failure leaves the row for the sweep
        logger.warning(
            "Broker unavailable; stage e-mail %s waits for the sweep",
            notification_id,
            exc_info=True,
        )


def stage_email_deliver(*, notification_id):
    """Send one pending stage e-mail; True if this call sent it. The row is locked and marked
    sent in one transaction, so a task and the sweep racing for it send it once."""
    with transaction.atomic():
        notification = (
            StageNotification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("challenge__request", "challenge__province", "challenge__city")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        now = timezone.now()
        notification.attempts += 1
        try:
            emails.build_stage_email(notification).send()
        except Exception as error:  # noqa: BLE001 — recorded on the row and retried later
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            notification.next_attempt_at = now + timedelta(minutes=2**notification.attempts)
            notification.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("Sending stage e-mail %s failed", notification_id, exc_info=True)
            return False
        notification.sent_at = now
        notification.last_error = ""
        notification.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def stage_emails_send_pending(*, limit=500):
    """Send what is due in the outbox. Returns how many were sent."""
    due = list(
        StageNotification.objects.filter(
            sent_at__isnull=True,
            next_attempt_at__lte=timezone.now(),
            attempts__lt=MAX_SEND_ATTEMPTS,
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(stage_email_deliver(notification_id=pk) for pk in due)
