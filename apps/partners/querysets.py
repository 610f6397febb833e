"""The partners app's rules: where organizations and memberships lie, what is published."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class OrganizationQuerySet(RecordQuerySet):
    pass


class MembershipQuerySet(RecordQuerySet):
    pass


registry.register(
    "partners.Organization",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    save="apps.partners.services.organization_save",
    pages="apps.partners.pages.PAGES",
)
registry.register(
    "partners.Membership",
    regions=(RegionPath("organization__province", "organization__city"),),
    published=Parent("organization", own=Q(is_public=True)),
    save="apps.partners.services.membership_save",
)
registry.hook("partners.Organization", stats="apps.partners.stats.organization_stats")
registry.hook("partners.Organization", search="apps.partners.search.ORGANIZATIONS")
