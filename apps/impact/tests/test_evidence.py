"""Evidence files: checked by their content like every upload, kept for staff of the record's
region, never public."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.impact.models import Evidence, ImpactRecord
from apps.impact.tests.factories import PDF, EvidenceFactory, ImpactRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.REQUEST_ATTACHMENTS_ROOT = tmp_path


def form_data(record, upload):
    data = {
        "code": record.code,
        "report_year": record.report_year,
        "subject": record.subject,
        "province": record.province_id,
        "city": record.city_id,
        "output_value": "100.00",
        "source": "partner",
        "status": "submitted",
        "is_public": "on",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-description": "年报",
    }
    if upload is not None:
        data["evidence-0-file"] = upload
    return data


def test_an_evidence_file_is_checked_by_its_content(staff_client):
    record = ImpactRecordFactory(status="submitted", verified_on=None, source="partner")
    fake = SimpleUploadedFile("report.pdf", b"MZ this is a program, not a PDF")

    response = staff_client.post(
        f"/admin/impact/impactrecord/{record.pk}/change/", form_data(record, fake)
    )

    assert response.status_code == 200
    assert "report.pdf" in response.content.decode()
    assert not Evidence.objects.exists()

    good = SimpleUploadedFile("report.pdf", PDF)
    response = staff_client.post(
        f"/admin/impact/impactrecord/{record.pk}/change/", form_data(record, good)
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type) == ("report.pdf", "application/pdf")
    assert not evidence.file.name.endswith("report.pdf")  # the stored name is never theirs


def test_staff_of_another_region_cannot_download_evidence(client, office_staff, record_places):
    home, far = record_places
    evidence = EvidenceFactory(record=ImpactRecordFactory(city=home, province=home.province))
    url = f"/admin/impact/impactrecord/evidence/{evidence.pk}/"

    client.force_login(office_staff(city=far))
    assert client.get(url).status_code == 404
    client.force_login(office_staff(city=home))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_verify_action_refuses_a_partner_record_without_evidence(staff_client):
    bare = ImpactRecordFactory(status="submitted", verified_on=None, source="partner")
    backed = ImpactRecordFactory(status="submitted", verified_on=None, source="partner")
    EvidenceFactory(record=backed)

    staff_client.post(
        "/admin/impact/impactrecord/",
        {"action": "verify_selected", "_selected_action": [bare.pk, backed.pk]},
    )

    assert ImpactRecord.objects.get(pk=backed.pk).status == "verified"
    assert ImpactRecord.objects.get(pk=bare.pk).status == "submitted"
