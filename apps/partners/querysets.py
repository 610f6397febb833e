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
    demo="apps.partners.demo.ORGANIZATIONS",
    synthetic="apps.partners.synthetic.ORGANIZATIONS",
    export="apps.partners.api.exports.ORGANIZATIONS",
    # A sheet names a partner by its name or its unified social credit code.
    import_keys=("name_zh", "name_en", "credit_code"),
    import_resource="apps.partners.resources.OrganizationResource",
    api=("organizations", "apps.partners.api.views.OrganizationViewSet", "organization"),
    pages="apps.partners.pages.PAGES",
)
registry.register(
    "partners.Membership",
    regions=(RegionPath("organization__province", "organization__city"),),
    published=Parent("organization", own=Q(is_public=True)),
    demo="apps.partners.demo.MEMBERSHIPS",
    # What a membership costs and the services agreed: for staff, never on a public page.
    private_fields=("annual_fee", "services_note"),
    export="apps.partners.api.exports.MEMBERSHIPS",
    import_resource="apps.partners.resources.MembershipResource",
    api=("memberships", "apps.partners.api.views.MembershipViewSet", "membership"),
    report="apps.partners.report.MEMBERS",
    partner="apps.partners.partner.MEMBERSHIPS",
)
registry.hook("partners.Organization", stats="apps.partners.stats.organization_stats")
registry.hook("partners.Organization", search="apps.partners.search.ORGANIZATIONS")
