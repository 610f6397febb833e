"""Every write to a technology request, for the public form, the admin, the API and the tasks.

Each function is keyword-only and atomic, runs ``full_clean()``, writes a ``StatusChange`` row
for each status change, and writes emails to the outbox (``Notification``) in the same
transaction; the Celery task that sends them is enqueued only once the transaction commits.
If the broker cannot take it, the row waits for the periodic sweep.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.models import Department
from apps.core.recipients import Recipients
from apps.core.scope import Place, scope_errors
from apps.offices.models import CooperationOffice
from apps.projects.models import CooperationProject
from apps.requests import emails
from apps.requests.attachments import check_uploads
from apps.requests.choices import (
    PARTNER_NOTIFIED,
    Actor,
    MessageVisibility,
    NotificationKind,
    RequestStatus,
    allowed_transitions,
)
from apps.requests.models import (
    Notification,
    RequestAttachment,
    RequestMessage,
    StatusChange,
    TechRequest,
)
from apps.requests.submission import SUBMITTED_FIELDS
from apps.requests.tokens import new_tracking_salt, token_hash, tracking_token

logger = logging.getLogger(__name__)

REFERENCE_SEQUENCE = "requests_techrequest_reference_seq"
MAX_SEND_ATTEMPTS = 8
REMIND_AGAIN_AFTER = timedelta(days=2)
UNSET = object()


@dataclass(frozen=True)
class Submission:
    request: TechRequest
    created: bool


# --------------------------------------------------------------------------- submission


def _next_reference():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [REFERENCE_SEQUENCE])
        (number,) = cursor.fetchone()
    return f"TR{timezone.localdate():%Y}-{number:06d}"


def request_submit(
    *,
    submission_key,
    attachments=(),
    language=None,
    submitted_from=None,
    **submitted,
):
    """Save a partner's request with its files, the first audit row and the two emails.

    ``submitted``: what the partner states, the fields of ``submission.SUBMITTED_FIELDS``
    (stated there once; ``city`` may be left out where the province lists no cities).
    A second call with the same ``submission_key`` (a second click) returns the first request.
    """
    unknown = submitted.keys() - set(SUBMITTED_FIELDS)
    missing = set(SUBMITTED_FIELDS) - {"city"} - submitted.keys()
    if unknown or missing:
        raise TypeError(
            f"request_submit() takes the submitted fields: unknown {sorted(unknown)}, "
            f"missing {sorted(missing)}"
        )
    existing = TechRequest.objects.filter(submission_key=submission_key).first()
    if existing:
        return Submission(existing, created=False)
    checked = check_uploads(list(attachments))
    stored_files = []
    try:
        with transaction.atomic():
            reference = _next_reference()
            salt = new_tracking_salt()
            tech_request = TechRequest(
                reference=reference,
                submission_key=submission_key,
                tracking_salt=salt,
                tracking_token_hash=token_hash(tracking_token(reference=reference, salt=salt)),
                **submitted,
                language=language or settings.LANGUAGE_CODE,
                submitted_from=submitted_from,
            )
            # Fields and clean() here; the unique keys and the status rules (which a new
            # request cannot break) are left to the database, saving a query each.
            if not tech_request.consent_to_contact:
                raise ValidationError(
                    {"consent_to_contact": _("The partner must consent to be contacted.")}
                )
            tech_request.full_clean(validate_unique=False, validate_constraints=False)
            tech_request.save()
            for item in checked:
                attachment = RequestAttachment(
                    request=tech_request,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                )
                attachment.file.save(f"upload.{item.extension}", item.upload, save=False)
                stored_files.append(attachment.file)
                attachment.full_clean()
                attachment.save()
            StatusChange.objects.create(
                request=tech_request,
                from_status="",
                to_status=RequestStatus.SUBMITTED,
                actor=Actor.PARTNER,
                created_at=tech_request.created_at,
            )
            _notify(tech_request, NotificationKind.PARTNER_RECEIVED)
            _notify(tech_request, NotificationKind.STAFF_NEW_REQUEST)
    except BaseException as error:
        # The rows were rolled back; the files written for them must not stay behind.
        for stored in stored_files:
            stored.storage.delete(stored.name)
        if not isinstance(error, IntegrityError):
            raise
        # Two clicks raced past the first look-up: the other one saved the request.
        existing = TechRequest.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(tech_request, created=True)


def request_tracking_token(*, tech_request):
    return tracking_token(reference=tech_request.reference, salt=tech_request.tracking_salt)


# --------------------------------------------------------------------------- workflow


def check_transition(*, tech_request, to_status, actor):
    """Raise ValidationError unless ``actor`` may move the request to ``to_status`` now.

    ``tech_request`` may carry unsaved assignment changes; the admin form checks with them.
    """
    if to_status == tech_request.status:
        raise ValidationError(_("The request already has this status."), code="same_status")
    if to_status not in allowed_transitions(tech_request.status, actor):
        raise ValidationError(
            _("A request cannot go from “%(from)s” to “%(to)s”."),
            code="transition_not_allowed",
            params={
                "from": RequestStatus(tech_request.status).label,
                "to": RequestStatus(to_status).label if to_status in RequestStatus.values else "?",
            },
        )
    if to_status in {RequestStatus.MATCHED, RequestStatus.IN_NEGOTIATION} and not (
        tech_request.assigned_department_id or tech_request.assigned_office_id
    ):
        raise ValidationError(
            _("Assign a department or an office before matching the request."),
            code="needs_assignment",
        )
    if to_status == RequestStatus.CONTRACTED and not (
        tech_request.contract_id or tech_request.project_id
    ):
        raise ValidationError(
            _("Link the contract or project the request became before marking it contracted."),
            code="needs_result",
        )


def request_transition(*, tech_request, to_status, actor, user=None, message=""):
    """Move a request to another status, with an optional message shown to the partner.

    Staff messages are shared with the partner; a partner's message goes to staff.
    """
    with transaction.atomic():
        locked = TechRequest.objects.select_for_update().get(pk=tech_request.pk)
        check_transition(tech_request=locked, to_status=to_status, actor=actor)
        now = timezone.now()
        from_status = locked.status
        locked.status = to_status
        locked.status_changed_at = now
        if actor == Actor.STAFF and locked.first_response_at is None:
            locked.first_response_at = now
        if to_status == RequestStatus.MATCHED and locked.matched_at is None:
            locked.matched_at = now
        locked.full_clean()
        locked.save()
        change = StatusChange.objects.create(
            request=locked,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            changed_by=user if actor == Actor.STAFF else None,
            created_at=now,
        )
        note = None
        if message.strip():
            note = RequestMessage(
                request=locked,
                visibility=(
                    MessageVisibility.FROM_PARTNER
                    if actor == Actor.PARTNER
                    else MessageVisibility.SHARED
                ),
                author=user if actor == Actor.STAFF else None,
                body=message.strip(),
                created_at=now,
            )
            note.full_clean()
            note.save()
        if actor == Actor.STAFF and to_status in PARTNER_NOTIFIED:
            _notify(locked, NotificationKind.PARTNER_STATUS, status_change=change, message=note)
        if actor == Actor.PARTNER and to_status == RequestStatus.WITHDRAWN:
            _notify(locked, NotificationKind.STAFF_WITHDRAWN, status_change=change, message=note)
    _copy_state(locked, tech_request)
    return change


def _clean_in_scope(tech_request, user):
    """full_clean, and for a staff member: the office, contract and project it is handed to
    or became must lie in their region, as the request itself does."""
    tech_request.full_clean()
    if user is not None:
        errors = scope_errors(user, tech_request)
        if errors:
            raise ValidationError(errors)


def request_assign(*, tech_request, user=None, department=UNSET, office=UNSET, assignee=UNSET):
    """Set who handles the request; arguments left out keep their value. The assignee is told."""
    with transaction.atomic():
        locked = TechRequest.objects.select_for_update().get(pk=tech_request.pk)
        previous_assignee_id = locked.assignee_id
        if department is not UNSET:
            locked.assigned_department = department
        if office is not UNSET:
            locked.assigned_office = office
        if assignee is not UNSET:
            locked.assignee = assignee
        _clean_in_scope(locked, user)
        locked.save()
        new_assignee = locked.assignee
        if (
            new_assignee is not None
            and new_assignee.pk != previous_assignee_id
            and new_assignee.email
            and (user is None or new_assignee.pk != user.pk)
        ):
            _notify(locked, NotificationKind.STAFF_ASSIGNED, recipients=[new_assignee.email])
    _copy_state(locked, tech_request)
    return tech_request


def request_link_result(*, tech_request, user=None, contract=UNSET, project=UNSET):
    """Link the contract or project the request became (or unlink it, with ``None``)."""
    with transaction.atomic():
        locked = TechRequest.objects.select_for_update().get(pk=tech_request.pk)
        if contract is not UNSET:
            locked.contract = contract
        if project is not UNSET:
            locked.project = project
        _clean_in_scope(locked, user)
        locked.save()
    _copy_state(locked, tech_request)
    return tech_request


def request_add_message(*, tech_request, body, visibility, user=None):
    """Add an internal note, a message to the partner, or the partner's own message."""
    if visibility == MessageVisibility.FROM_PARTNER and tech_request.status == (
        RequestStatus.WITHDRAWN
    ):
        raise ValidationError(_("This request was withdrawn."), code="withdrawn")
    with transaction.atomic():
        note = RequestMessage(
            request=tech_request,
            visibility=visibility,
            author=user if visibility != MessageVisibility.FROM_PARTNER else None,
            body=body.strip(),
        )
        note.full_clean()
        note.save()
        if visibility == MessageVisibility.SHARED:
            updated = TechRequest.objects.filter(
                pk=tech_request.pk, first_response_at__isnull=True
            ).update(first_response_at=note.created_at)
            if updated:
                tech_request.first_response_at = note.created_at
            _notify(tech_request, NotificationKind.PARTNER_MESSAGE, message=note)
        elif visibility == MessageVisibility.FROM_PARTNER:
            _notify(tech_request, NotificationKind.STAFF_PARTNER_MESSAGE, message=note)
    return note


def request_accept_suggestion(*, tech_request, kind, object_id, user=None):
    """Assign the department or office a matching suggestion named (a project: its department)."""
    if kind == "department":
        return request_assign(
            tech_request=tech_request, user=user, department=Department.objects.get(pk=object_id)
        )
    if kind == "office":
        return request_assign(
            tech_request=tech_request,
            user=user,
            office=CooperationOffice.objects.get(pk=object_id),
        )
    if kind == "project":
        project = CooperationProject.objects.select_related("department").get(pk=object_id)
        return request_assign(tech_request=tech_request, user=user, department=project.department)
    raise ValidationError(_("Unknown kind of suggestion."), code="unknown_suggestion")


def _copy_state(source, target):
    if source is not target:
        for field in source._meta.concrete_fields:
            setattr(target, field.attname, getattr(source, field.attname))
        target._state.fields_cache = {}


# --------------------------------------------------------------------------- outbox


def _staff_recipients(tech_request):
    """The assignee; else whoever is responsible for the request's place (the one rule,
    ``apps.core.recipients``): its region's office staff, else headquarters, else
    STAFF_NOTIFICATION_EMAILS. A new request that finds nobody is listed on the admin home
    (``selectors.new_requests_nobody_told``)."""
    if tech_request.assignee_id and tech_request.assignee.email:
        return [tech_request.assignee.email]
    return Recipients().for_place(Place.at(tech_request.province_id, tech_request.city))


def _notify(tech_request, kind, *, recipients=None, status_change=None, message=None):
    """Write one email to the outbox and send it once the transaction commits."""
    partner = kind in emails.PARTNER_KINDS
    if recipients is None:
        recipients = [tech_request.email] if partner else _staff_recipients(tech_request)
    recipients = [address for address in recipients if address]
    if not recipients:
        return None
    notification = Notification(
        kind=kind,
        request=tech_request,
        recipients=recipients,
        language=tech_request.language if partner else settings.LANGUAGE_CODE,
        status_change=status_change,
        message=message,
    )
    notification.full_clean()
    notification.save()
    transaction.on_commit(lambda: enqueue_notification(notification.pk))
    return notification


def enqueue_notification(notification_id):
    """Hand one email to the worker; if the broker is away the sweep sends it later. The task
    is looked up by name: the tasks module imports this one, never the other way round."""
    try:
        send_notification = current_app.tasks["apps.requests.tasks.send_notification"]
        send_notification.apply_async((notification_id,), retry=False)
    except Exception:  # noqa: BLE001 — any broker failure leaves the row for the sweep
        logger.warning(
            "Broker unavailable; notification %s waits for the periodic sweep",
            notification_id,
            exc_info=True,
        )


def notification_deliver(*, notification_id):
    """Send one pending email. True if this call sent it.

    The row is locked (``FOR UPDATE SKIP LOCKED``) and marked sent in the same transaction, so
    a task and the sweep racing for it, or a task delivered twice, send it once.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(
                "request__province",
                "request__city",
                "request__assignee",
                "status_change",
                "message",
            )
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        now = timezone.now()
        notification.attempts += 1
        try:
            emails.build_email(notification).send()
        except Exception as error:  # noqa: BLE001 — recorded on the row and retried later
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            notification.next_attempt_at = now + timedelta(minutes=2**notification.attempts)
            notification.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("Sending notification %s failed", notification_id, exc_info=True)
            return False
        notification.sent_at = now
        notification.last_error = ""
        notification.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def notifications_send_pending(*, limit=500):
    """Send what is due in the outbox (the periodic sweep). Returns how many were sent."""
    due = list(
        Notification.objects.filter(
            sent_at__isnull=True,
            next_attempt_at__lte=timezone.now(),
            attempts__lt=MAX_SEND_ATTEMPTS,
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notification_deliver(notification_id=pk) for pk in due)


def requests_remind_waiting(*, now=None):
    """Remind the assignee (or the staff list) of each request waiting too long.

    A request is reminded again only after ``REMIND_AGAIN_AFTER``. Returns the number reminded.
    """
    now = now or timezone.now()
    reminded = 0
    with transaction.atomic():
        waiting = (
            TechRequest.objects.waiting_too_long(now)
            .exclude(last_reminded_at__gte=now - REMIND_AGAIN_AFTER)
            .select_related("assignee")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("status_changed_at", "id")
        )
        for tech_request in waiting:
            if _notify(tech_request, NotificationKind.STAFF_REMINDER):
                tech_request.last_reminded_at = now
                tech_request.save(update_fields=["last_reminded_at", "updated_at"])
                reminded += 1
    return reminded
