import datetime
from decimal import Decimal

import factory

from apps.impact.choices import Source, Subject, Verification
from apps.impact.models import Evidence, ImpactRecord
from apps.regions.tests.factories import CityFactory

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class ImpactRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactRecord

    code = factory.Sequence(lambda n: f"impact-{n}")
    subject = Subject.REGION
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    report_year = 2024
    year_end = datetime.date(2024, 12, 31)
    output_value = Decimal("12000000.00")
    jobs = 40
    source = Source.STATISTIC
    source_note = "统计年鉴 表3-2"
    status = Verification.VERIFIED
    verified_on = datetime.date(2025, 3, 1)
    verified_by = "hq"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    record = factory.SubFactory(ImpactRecordFactory)
    file = factory.django.FileField(filename="statement.pdf", data=PDF)
    original_name = "statement.pdf"
    content_type = "application/pdf"
    size = len(PDF)
