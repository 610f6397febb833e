from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class ChallengesConfig(AppConfig):
    name = "apps.challenges"
    verbose_name = _("Challenges")
    # A challenge is published from a technology request (requests), answered with the
    # readiness levels of achievements, may end in a contract (agreements), is followed by an
    # office (offices) and lies in a region (regions).
    layer = "domain"
    above = ("achievements", "requests", "agreements", "offices", "regions")
    # Its periodic task (apps.operations.schedules): name (translated where shown), task,
    # minute, hour, day of week.
    schedules = (
        (
            gettext_noop("Send challenge stage e-mails waiting in the outbox"),
            "apps.challenges.tasks.send_pending_stage_emails",
            "*",
            "*",
            "*",
        ),
    )

    def ready(self):
        from apps.challenges import tasks  # noqa: F401 — registers the tasks queued by name
