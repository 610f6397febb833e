"""The emails of the outbox, rendered when they are sent, in the recipient's language."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.requests.choices import NotificationKind
from apps.requests.tokens import tracking_token

K = NotificationKind

PARTNER_KINDS = frozenset({K.PARTNER_RECEIVED, K.PARTNER_STATUS, K.PARTNER_MESSAGE})

SUBJECTS = {
    K.PARTNER_RECEIVED: _("Your technology request %(reference)s has been received"),
    K.STAFF_NEW_REQUEST: _("New technology request %(reference)s: %(title)s"),
    K.PARTNER_STATUS: _("Your technology request %(reference)s is now: %(status)s"),
    K.PARTNER_MESSAGE: _("A message about your technology request %(reference)s"),
    K.STAFF_PARTNER_MESSAGE: _("The partner wrote about request %(reference)s"),
    K.STAFF_WITHDRAWN: _("Request %(reference)s was withdrawn by the partner"),
    K.STAFF_ASSIGNED: _("Request %(reference)s has been assigned to you"),
    K.STAFF_REMINDER: _("Reminder: request %(reference)s is waiting (%(status)s)"),
}


def absolute_url(path):
    return urljoin(settings.PUBLIC_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def tracking_url(tech_request):
    token = tracking_token(reference=tech_request.reference, salt=tech_request.tracking_salt)
    with translation.override(tech_request.language):
        return absolute_url(reverse("requests:track", kwargs={"token": token}))


def admin_url(tech_request):
    return absolute_url(reverse("admin:requests_techrequest_change", args=[tech_request.pk]))


def build_email(notification):
    tech_request = notification.request
    with translation.override(notification.language):
        status_label = tech_request.get_status_display()
        if notification.status_change_id:
            status_label = notification.status_change.get_to_status_display()
        context = {
            "request": tech_request,
            "notification": notification,
            "status_label": status_label,
            "message": notification.message,
        }
        if notification.kind in PARTNER_KINDS:
            context["tracking_url"] = tracking_url(tech_request)
        else:
            context["admin_url"] = admin_url(tech_request)
        subject = str(SUBJECTS[notification.kind]) % {
            "reference": tech_request.reference,
            "title": tech_request.title,
            "status": status_label,
        }
        body = render_to_string(f"requests/email/{notification.kind}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=notification.recipients,
        headers={"X-Coop-Notification": str(notification.pk)},
    )
