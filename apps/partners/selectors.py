"""Reads of published partner organizations for the public pages."""

from apps.partners.models import Organization, PartnerContact

RECENT_AGREEMENTS = 50
RECENT_PROJECTS = 50


def public_organization_page(pk):
    """The organization with its published projects and agreements, read through its reverse
    relations (their apps lie above this one)."""
    organization = Organization.objects.public().select_related("province", "city").get(pk=pk)
    projects = list(
        organization.projects.public()
        .select_related("department")
        .order_by("-started_on")[:RECENT_PROJECTS]
    )
    agreements = list(organization.agreements.public().order_by("-signed_on")[:RECENT_AGREEMENTS])
    return {"record": organization, "projects": projects, "agreements": agreements}


def normalized_email(email):
    return (email or "").strip().lower()


def organization_for_email(email):
    """The organization a staff-confirmed address speaks for, or None (one query)."""
    contact = (
        PartnerContact.objects.filter(email=normalized_email(email), confirmed=True)
        .select_related("organization")
        .first()
    )
    return contact.organization if contact else None


def confirmed_contact_emails(organization):
    """The confirmed addresses of an organization, as a subquery (no query of its own)."""
    return PartnerContact.objects.filter(organization=organization, confirmed=True).values("email")
