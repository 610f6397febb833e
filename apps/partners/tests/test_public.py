"""Partner organizations' public pages, on the shared base (apps.core.testing.pages): an
organization has a detail page (by id) and no list of its own."""

from apps.core.testing import pages
from apps.partners.models import Organization
from apps.partners.tests.factories import OrganizationFactory


class TestOrganizationPages(pages.PublicDetailTests):
    model = Organization
    factory = OrganizationFactory
    detail_url_name = "public:organization_detail"
    lookup = "pk"
