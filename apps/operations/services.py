"""Staff operations that the periodic tasks and the admin call: reminders, the membership
status kept current, and annual reports."""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import StaffProfile
from apps.agreements.models import Contract, ContractStatus, CooperationAgreement, Payment
from apps.core.recipients import Recipients
from apps.core.scope import Place
from apps.events.models import ExchangeEvent
from apps.offices.models import CooperationOffice
from apps.operations import reports
from apps.operations.models import ReminderKind, ReminderLog, ReportJob, ReportStatus
from apps.partners.models import Membership, MembershipStatus
from apps.requests.models import TechRequest

logger = logging.getLogger(__name__)

OPEN_CONTRACT = (ContractStatus.SIGNED, ContractStatus.IN_PROGRESS)
CURRENT_MEMBERSHIP = (MembershipStatus.ACTIVE, MembershipStatus.PENDING_RENEWAL)


def today():
    return timezone.localdate()


# --------------------------------------------------------------------------- sending once


def send_once(*, kind, target, occasion, recipient, subject, body):
    """Send one reminder unless it was already sent (or is being sent by another worker).

    The claim row is committed before the email leaves, so two workers never both send it;
    if sending fails the claim is withdrawn and the next run tries again.
    """
    target_model = target._meta.label_lower
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                kind=kind,
                target_model=target_model,
                target_id=target.pk,
                occasion=occasion,
                recipient=recipient,
                subject=subject[:300],
            )
    except IntegrityError:
        return False
    try:
        EmailMessage(subject=subject, body=body, to=[recipient]).send()
    except Exception:
        ReminderLog.objects.filter(pk=log.pk).delete()
        raise
    ReminderLog.objects.filter(pk=log.pk).update(sent_at=timezone.now())
    return True


# A reminder nobody could be sent (no office staff, no headquarters staff taking reminders, no
# STAFF_NOTIFICATION_EMAILS) is kept under this empty recipient and listed on the admin home.
UNADDRESSED = ""


def deliver(*, addresses, kind, target, occasion, subject, body):
    """Send a reminder to each address once; with no address, keep it for headquarters to see.

    Returns the number of emails sent.
    """
    held = ReminderLog.objects.filter(
        kind=kind,
        target_model=target._meta.label_lower,
        target_id=target.pk,
        occasion=occasion,
        recipient=UNADDRESSED,
    )
    if not addresses:
        if not held.exists():
            ReminderLog.objects.create(
                kind=kind,
                target_model=target._meta.label_lower,
                target_id=target.pk,
                occasion=occasion,
                recipient=UNADDRESSED,
                subject=subject[:300],
            )
        return 0
    held.delete()
    return sum(
        send_once(
            kind=kind,
            target=target,
            occasion=occasion,
            recipient=email,
            subject=subject,
            body=body,
        )
        for email in addresses
    )


def unaddressed_reminders():
    """Reminders that found nobody to go to, newest first (for the admin home)."""
    return ReminderLog.objects.filter(recipient=UNADDRESSED).order_by("-claimed_at")


def _render(template, context):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, context)


def _subject(text):
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


# --------------------------------------------------------------------------- reminders


def contracts_remind_ending(*, on=None):
    """Remind the responsible staff of open contracts ending within 30 days. Returns emails sent."""
    on = on or today()
    horizon = on + datetime.timedelta(days=settings.REMINDER_CONTRACT_ENDING_DAYS)
    contracts = Contract.objects.filter(
        status__in=OPEN_CONTRACT, end_on__gte=on, end_on__lte=horizon
    ).select_related("city", "office", "organization", "department")
    recipients = Recipients()
    sent = 0
    for contract in contracts.order_by("end_on", "number"):
        extra = [contract.office.contact_email] if contract.office else []
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Contract %(number)s ends on %(date)s") % {
                "number": contract.number,
                "date": contract.end_on.isoformat(),
            }
        body = _render(
            "operations/email/contract_ending.txt",
            {"contract": contract, "days": (contract.end_on - on).days},
        )
        sent += deliver(
            addresses=recipients.for_place(Place.at(contract.province_id, contract.city), extra),
            kind=ReminderKind.CONTRACT_ENDING,
            target=contract,
            occasion=contract.end_on.isoformat(),
            subject=subject,
            body=body,
        )
    return sent


def payments_remind_overdue(*, on=None):
    """Remind the responsible staff of instalments past their due date and not received."""
    on = on or today()
    payments = (
        Payment.objects.filter(received_on__isnull=True, due_on__lt=on)
        .exclude(contract__status=ContractStatus.TERMINATED)
        .select_related("contract__city", "contract__office", "contract__organization")
    )
    recipients = Recipients()
    sent = 0
    for payment in payments.order_by("due_on", "pk"):
        contract = payment.contract
        extra = [contract.office.contact_email] if contract.office else []
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Payment overdue: %(number)s instalment %(instalment)s") % {
                "number": contract.number,
                "instalment": payment.instalment,
            }
        body = _render(
            "operations/email/payment_overdue.txt",
            {"payment": payment, "contract": contract, "days": (on - payment.due_on).days},
        )
        sent += deliver(
            addresses=recipients.for_place(Place.at(contract.province_id, contract.city), extra),
            kind=ReminderKind.PAYMENT_OVERDUE,
            target=payment,
            occasion=payment.due_on.isoformat(),
            subject=subject,
            body=body,
        )
    return sent


def memberships_update_status(*, on=None):
    """Keep each membership's status current ("dynamic management"): lapsed once its term is
    over, pending renewal within the reminder window, active again once renewed. Each change
    is saved through the model, so it enters the change history. Returns the number changed."""
    on = on or today()
    horizon = on + datetime.timedelta(days=settings.REMINDER_MEMBERSHIP_LAPSING_DAYS)
    changes = [
        (
            Q(status__in=CURRENT_MEMBERSHIP, valid_until__lt=on),
            MembershipStatus.LAPSED,
        ),
        (
            Q(status=MembershipStatus.ACTIVE, valid_until__gte=on, valid_until__lte=horizon),
            MembershipStatus.PENDING_RENEWAL,
        ),
        (
            Q(status=MembershipStatus.PENDING_RENEWAL, valid_until__gt=horizon),
            MembershipStatus.ACTIVE,
        ),
    ]
    changed = 0
    for condition, status in changes:
        with transaction.atomic():
            for membership in Membership.objects.select_for_update().filter(condition):
                membership.status = status
                membership._change_reason = _subject(_("Status kept current by the schedule"))
                membership.save(update_fields=["status", "updated_at"])
                changed += 1
    return changed


def memberships_remind_lapsing(*, on=None):
    """Keep statuses current, then remind the responsible staff of memberships ending soon."""
    on = on or today()
    memberships_update_status(on=on)
    horizon = on + datetime.timedelta(days=settings.REMINDER_MEMBERSHIP_LAPSING_DAYS)
    memberships = Membership.objects.filter(
        status__in=CURRENT_MEMBERSHIP, valid_until__gte=on, valid_until__lte=horizon
    ).select_related("organization__city")
    recipients = Recipients()
    sent = 0
    for membership in memberships.order_by("valid_until", "pk"):
        organization = membership.organization
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Membership of %(organization)s ends on %(date)s") % {
                "organization": organization.name_zh,
                "date": membership.valid_until.isoformat(),
            }
        body = _render(
            "operations/email/membership_lapsing.txt",
            {"membership": membership, "organization": organization},
        )
        place = Place.at(organization.province_id, organization.city)
        sent += deliver(
            addresses=recipients.for_place(place),
            kind=ReminderKind.MEMBERSHIP_LAPSING,
            target=membership,
            occasion=membership.valid_until.isoformat(),
            subject=subject,
            body=body,
        )
    return sent


def _agreements_remind(*, agreements, kind, occasion_of, subject_of, on):
    recipients = Recipients()
    sent = 0
    for agreement in agreements.select_related("city", "organization"):
        occasion = occasion_of(agreement)
        with translation.override(settings.LANGUAGE_CODE):
            subject = subject_of(agreement)
        body = _render(
            "operations/email/agreement_term.txt",
            {
                "agreement": agreement,
                "kind": kind,
                "date": occasion,
                "days": (occasion - on).days,
            },
        )
        sent += deliver(
            addresses=recipients.for_place(Place.at(agreement.province_id, agreement.city)),
            kind=kind,
            target=agreement,
            occasion=occasion.isoformat(),
            subject=subject,
            body=body,
        )
    return sent


def agreements_remind_ending(*, on=None):
    """Remind the responsible staff of agreements in force that end within
    ``REMINDER_AGREEMENT_ENDING_DAYS`` and have no renewal yet: renew them or let them end.
    Once per agreement and end date; with nobody to send to, held for the admin home."""
    on = on or today()
    horizon = on + datetime.timedelta(days=settings.REMINDER_AGREEMENT_ENDING_DAYS)
    agreements = (
        CooperationAgreement.objects.in_force_on(on)
        .filter(end_on__gte=on, end_on__lte=horizon)
        .exclude(renewals__isnull=False)
        .order_by("end_on", "number")
    )
    return _agreements_remind(
        agreements=agreements,
        kind=ReminderKind.AGREEMENT_ENDING,
        occasion_of=lambda agreement: agreement.end_on,
        subject_of=lambda agreement: _("Agreement %(number)s ends on %(date)s: renew it?")
        % {"number": agreement.number, "date": agreement.end_on.isoformat()},
        on=on,
    )


def agreements_remind_review(*, on=None):
    """Remind the responsible staff of agreements in force due for review within
    ``REMINDER_AGREEMENT_REVIEW_DAYS`` (an open term's review date, or one staff set), or
    whose review date passed unrecorded. Once per agreement and review date."""
    on = on or today()
    horizon = on + datetime.timedelta(days=settings.REMINDER_AGREEMENT_REVIEW_DAYS)
    agreements = (
        CooperationAgreement.objects.in_force_on(on)
        .filter(review_on__lte=horizon)
        .order_by("review_on", "number")
    )
    return _agreements_remind(
        agreements=agreements,
        kind=ReminderKind.AGREEMENT_REVIEW,
        occasion_of=lambda agreement: agreement.review_on,
        subject_of=lambda agreement: _("Agreement %(number)s is due for review on %(date)s")
        % {"number": agreement.number, "date": agreement.review_on.isoformat()},
        on=on,
    )


def agreements_remind_term(*, on=None):
    """The agreements' term reminders: ends to renew, and reviews. Returns e-mails sent."""
    return agreements_remind_ending(on=on) + agreements_remind_review(on=on)


def _office_region(queryset, office):
    return queryset.in_region(office.city or office.province)


def _waiting_requests(office, on):
    """Technology requests of the office's region waiting too long (the requests app's rule)."""
    waiting = getattr(TechRequest.objects, "waiting_too_long", None)
    if waiting is None:
        return None
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
    return _office_region(waiting(moment), office).count()


def offices_send_weekly_digest(*, on=None):
    """One digest per open office, to its contact address and its region's office staff."""
    on = on or today()
    year, week, _weekday = on.isocalendar()
    occasion = f"{year}-W{week:02d}"
    week_ago = on - datetime.timedelta(days=7)
    next_week = on + datetime.timedelta(days=7)
    horizon = on + datetime.timedelta(days=settings.REMINDER_CONTRACT_ENDING_DAYS)
    recipients = Recipients()
    sent = 0
    offices = CooperationOffice.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=on)
    ).select_related("province", "city")
    for office in offices.order_by("code"):
        contracts = _office_region(Contract.objects.all(), office)
        context = {
            "office": office,
            "week": occasion,
            "new_contracts": list(
                contracts.filter(created_at__date__gt=week_ago).order_by("-signed_on")[:20]
            ),
            "ending_contracts": list(
                contracts.filter(
                    status__in=OPEN_CONTRACT, end_on__gte=on, end_on__lte=horizon
                ).order_by("end_on")[:20]
            ),
            "overdue_payments": list(
                _office_region(
                    Payment.objects.filter(received_on__isnull=True, due_on__lt=on),
                    office,
                )
                .select_related("contract")
                .order_by("due_on")[:20]
            ),
            "lapsing_memberships": list(
                _office_region(
                    Membership.objects.filter(
                        status__in=CURRENT_MEMBERSHIP,
                        valid_until__gte=on,
                        valid_until__lte=on
                        + datetime.timedelta(days=settings.REMINDER_MEMBERSHIP_LAPSING_DAYS),
                    ),
                    office,
                )
                .select_related("organization")
                .order_by("valid_until")[:20]
            ),
            "coming_events": list(
                _office_region(ExchangeEvent.objects.all(), office)
                .filter(start_on__gte=on, start_on__lt=next_week)
                .order_by("start_on")[:20]
            ),
            "waiting_requests": _waiting_requests(office, on),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Weekly digest %(week)s: %(office)s") % {
                "week": occasion,
                "office": office.name_zh,
            }
        body = _render("operations/email/weekly_digest.txt", context)
        extra = [office.contact_email] if office.contact_email else []
        place = Place.at(office.province_id, office.city)
        emails = recipients.office_staff(place) | set(extra) | set(_office_members(office))
        for email in sorted(emails):
            sent += send_once(
                kind=ReminderKind.WEEKLY_DIGEST,
                target=office,
                occasion=occasion,
                recipient=email,
                subject=subject,
                body=body,
            )
    return sent


def _office_members(office):
    return list(
        StaffProfile.objects.filter(office=office, receives_reminders=True, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


# --------------------------------------------------------------------------- reports


def reports_root():
    root = Path(settings.REPORTS_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def report_generate(*, job_id):
    """Make the XLSX and the PDF of a queued report, recording progress as it goes."""
    job = ReportJob.objects.select_related("province", "city").filter(pk=job_id).first()
    if job is None or job.status == ReportStatus.DONE:
        return False

    def progress(percent, step):
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportStatus.RUNNING, progress=percent, step=str(step)[:200]
        )

    try:
        with translation.override(job.language):
            progress(5, _("Started"))
            figures = reports.collect_figures(
                year=job.year,
                province=job.province,
                city=job.city,
                region_name=job.region_name,
                progress=progress,
            )
            progress(65, _("Writing the spreadsheet"))
            xlsx = reports.render_xlsx(figures)
            progress(80, _("Writing the PDF"))
            pdf = reports.render_pdf(figures)
        stem = f"report-{job.year}-{job.pk}"
        root = reports_root()
        (root / f"{stem}.xlsx").write_bytes(xlsx)
        (root / f"{stem}.pdf").write_bytes(pdf)
    except Exception as error:
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        logger.exception("Report %s failed", job.pk)
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportStatus.DONE,
        progress=100,
        step="",
        error="",
        xlsx_file=f"{stem}.xlsx",
        pdf_file=f"{stem}.pdf",
        finished_at=timezone.now(),
    )
    return True


def report_file_path(job, kind):
    name = job.xlsx_file if kind == "xlsx" else job.pdf_file
    if not name:
        return None
    path = reports_root() / Path(name).name
    return path if path.exists() else None
