"""The spreadsheet import of partners and memberships (``import_resource=`` on their
registrations; the machinery is ``apps.core.importing``)."""

from django.utils.translation import gettext_lazy as _

from apps.core.importing import StaffResource, related_field
from apps.partners.models import Membership, Organization
from apps.regions.importing import region_fields


class OrganizationResource(StaffResource):
    province, city = region_fields()

    class Meta(StaffResource.Meta):
        model = Organization
        import_id_fields = ("name_zh",)
        fields = (
            "name_zh",
            "name_en",
            "kind",
            "ownership",
            "government_level",
            "credit_code",
            "industry",
            "province",
            "city",
            "website",
            "is_public",
        )


class MembershipResource(StaffResource):
    organization = related_field(Membership, "organization")
    constraint_messages = {
        "partners_membership_valid_after_joined": (
            "valid_until",
            _("The membership ends before it began."),
        ),
        "partners_membership_fee_not_negative": (
            "annual_fee",
            _("The fee cannot be negative."),
        ),
    }

    class Meta(StaffResource.Meta):
        model = Membership
        import_id_fields = ("organization", "joined_on")
        fields = (
            "organization",
            "tier",
            "joined_on",
            "valid_until",
            "status",
            "annual_fee",
            "services_note",
            "is_public",
        )
