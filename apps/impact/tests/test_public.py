"""Impact records' public pages, on the shared base (apps.core.testing.pages): a verified,
public report is listed and opens; a report not yet verified is as unpublished as one kept
internal."""

from apps.core.testing import pages
from apps.impact.choices import Verification
from apps.impact.models import ImpactRecord
from apps.impact.tests.factories import ImpactRecordFactory


class TestImpactPages(pages.PublicPageTestCases):
    model = ImpactRecord
    factory = ImpactRecordFactory
    list_url_name = "public:impactrecord_list"
    detail_url_name = "public:impactrecord_detail"
    hidden = {"status": Verification.SUBMITTED, "verified_on": None}
    filters = {
        "province": lambda record: record.province.code,
        "city": lambda record: record.city.code,
    }

    def name(self, record):
        # A report is named by its subject and year, which two reports may share: its address
        # is what tells them apart on a page.
        return f"/results/{record.code}/"
