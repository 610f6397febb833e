"""The stage e-mails of the outbox, rendered when they are sent, in the partner's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from apps.challenges.choices import STAGE_TEXT, Stage
from apps.requests.emails import absolute_url


def build_stage_email(notification):
    challenge = notification.challenge
    with translation.override(notification.language):
        stage_label = str(Stage(notification.to_stage).label)
        context = {
            "challenge": challenge,
            "request": challenge.request,
            "stage_label": stage_label,
            "stage_text": str(STAGE_TEXT[Stage(notification.to_stage)]),
            "public_url": absolute_url(reverse("public:challenge_detail", args=[challenge.code]))
            if challenge.is_public
            else "",
        }
        subject = gettext("Your challenge “%(title)s” is now: %(stage)s") % {
            "title": challenge.title,
            "stage": stage_label,
        }
        body = render_to_string("challenges/email/stage.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=notification.recipients,
        headers={"X-Coop-Stage-Notification": str(notification.pk)},
    )
