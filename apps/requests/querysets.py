from datetime import timedelta

from django.db import models
from django.utils import timezone

from apps.core.querysets import RecordQuerySet
from apps.core.registry import NEVER, RegionPath, registry
from apps.requests.choices import OPEN_STATUSES, WAITING_TOO_LONG_DAYS


class TechRequestQuerySet(RecordQuerySet):
    def open(self):
        return self.filter(status__in=sorted(OPEN_STATUSES))

    def waiting_too_long(self, now=None):
        """Open requests that have stayed in their status longer than that status allows."""
        now = now or timezone.now()
        condition = models.Q(pk__in=[])
        for status, days in WAITING_TOO_LONG_DAYS.items():
            condition |= models.Q(status=status, status_changed_at__lt=now - timedelta(days=days))
        return self.filter(condition)


# A partner's request is never public: counts only reach anonymous users (apps.api.aggregates).
# Its writes are the workflow's services (request_submit, request_assign, request_transition …).
registry.register(
    "requests.TechRequest",
    regions=(RegionPath("province", "city"),),
    published=NEVER,
    # Offices gather the local enterprises' needs: they triage their region's requests, and
    # read each one's status history and messages on its page.
    office_staff=("change", "view"),
    office_staff_views=("requests.statuschange", "requests.requestmessage"),
    export="apps.requests.api.exports.REQUESTS",
    api=("requests", "apps.requests.api.views.TechRequestViewSet", "tech-request"),
    # The partner's own page lists the requests of its address and its organization.
    partner="apps.requests.partner.REQUESTS",
)
registry.hook("requests.TechRequest", stats="apps.requests.stats.request_stats")
