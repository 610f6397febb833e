"""The downloads of partners and memberships: their fields, as declared."""

from apps.core.rest.fields import record_export

ORGANIZATIONS = record_export("partners.Organization")
MEMBERSHIPS = record_export("partners.Membership", related={"organization": ("id", "name_zh")})
