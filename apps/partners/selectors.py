"""Reads of published partner organizations for the public pages."""

from apps.partners.models import Organization

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
