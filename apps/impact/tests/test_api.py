"""Impact records through the API, on the shared bases (apps.core.testing.api)."""

import pytest

from apps.core.testing import api
from apps.impact.choices import Verification
from apps.impact.models import ImpactRecord
from apps.impact.tests.factories import ImpactRecordFactory

pytestmark = pytest.mark.django_db


class TestImpactRecordAPI(api.APIViewTestCases):
    model = ImpactRecord
    factory = ImpactRecordFactory
    basename = "impactrecord"
    update_data = {"jobs": 55}

    def create_data(self, city):
        return {
            "code": f"api-impact-{city.code}",
            "subject": "region",
            "province": city.province.code,
            "city": city.code,
            "report_year": 2024,
            "output_value": "3500000.00",
            "jobs": 12,
            "source": "statistic",
            "source_note": "统计公报",
        }


def test_only_verified_records_are_public(client):
    verified = ImpactRecordFactory()
    ImpactRecordFactory(status=Verification.SUBMITTED, verified_on=None)
    ImpactRecordFactory(status=Verification.REJECTED, verified_on=None)

    data = client.get("/api/v1/impact/").json()

    assert [row["code"] for row in data["results"]] == [verified.code]
    assert "source_note" not in data["results"][0]
    assert "verified_by" not in data["results"][0]


def test_the_api_cannot_mark_a_record_verified(admin_client):
    record = ImpactRecordFactory(status=Verification.SUBMITTED, verified_on=None)

    admin_client.patch(
        f"/api/v1/impact/{record.pk}/", {"status": "verified"}, content_type="application/json"
    )

    record.refresh_from_db()
    assert record.status == Verification.SUBMITTED
