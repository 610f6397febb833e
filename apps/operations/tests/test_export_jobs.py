"""Staff exports: written by the one export writer (no formula survives), at once when short, as
a background job on a real worker when long, with a private download link and an e-mail."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.core.tests.waiting import wait_until, worker_stopped
from apps.operations.models import ExportJob, ExportStatus
from apps.partners.tests.factories import OrganizationFactory

HOSTILE_NAMES = ['=HYPERLINK("x")', "@SUM(A1)", "+cmd"]
FORMAT_INDEX = {"xlsx": "0", "csv": "1"}


def admin_export(client, file_format, model="partners/organization"):
    return client.post(
        f"/admin/{model}/export/",
        {
            "format": FORMAT_INDEX[file_format],
            "resource": "0",
            "organizationresource_name_zh": "on",
        },
    )


@pytest.fixture
def hostile_organizations(db):
    return [OrganizationFactory(name_zh=name) for name in HOSTILE_NAMES]


@pytest.mark.django_db
def test_admin_csv_export_neutralises_formulas(hostile_organizations, staff_client):
    response = admin_export(staff_client, "csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row[0] for row in rows[1:]}
    assert {"'" + name for name in HOSTILE_NAMES} <= names
    assert not set(HOSTILE_NAMES) & names


@pytest.mark.django_db
def test_admin_xlsx_export_has_no_formula(hostile_organizations, staff_client):
    response = admin_export(staff_client, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert set(HOSTILE_NAMES) <= {cell.value for cell in cells}


@pytest.mark.django_db
def test_admin_export_with_an_unknown_filter_is_a_message(staff_client):
    response = staff_client.get("/admin/partners/organization/export/?bogus=1", follow=True)
    assert response.status_code == 200
    assert "无法识别列表的筛选条件" in response.content.decode()


def wait_for(job_id, worker):
    def finished():
        job = ExportJob.objects.get(pk=job_id)
        return job if job.status in (ExportStatus.DONE, ExportStatus.FAILED) else None

    return wait_until(
        finished, what=f"export {job_id} did not finish", died=worker_stopped(worker), interval=0.2
    )


@pytest.fixture
def many_organizations(settings, db):
    settings.EXPORT_BACKGROUND_THRESHOLD = 3
    return [OrganizationFactory(name_zh=f"导出单位{n}") for n in range(5)]


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_long_admin_export_is_a_background_job_with_a_private_link_and_an_email(
    many_organizations, staff_client, staff_user, celery_worker_on_redis
):
    response = admin_export(staff_client, "csv")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:operations_exportjob_changelist")
    job = wait_for(ExportJob.objects.get(requested_by=staff_user).pk, celery_worker_on_redis)
    assert job.status == ExportStatus.DONE, job.error
    assert (job.progress, job.rows_written) == (100, 5)

    download = reverse("admin:operations_exportjob_download", args=[job.pk])
    listing = staff_client.get(reverse("admin:operations_exportjob_changelist")).content.decode()
    assert download in listing
    [message] = mail.outbox
    assert message.to == [staff_user.email] and download in message.body
    content = b"".join(staff_client.get(download).streaming_content).decode("utf-8-sig")
    assert {f"导出单位{n}" for n in range(5)} <= set(content.split())

    other = get_user_model().objects.create_superuser("other-hq", "o@example.edu.cn", "x-pass-1")
    stranger = Client()
    stranger.force_login(other)
    assert stranger.get(download).status_code == 404
    assert (
        download
        not in stranger.get(reverse("admin:operations_exportjob_changelist")).content.decode()
    )


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_long_api_export_answers_202_and_the_job_follows_on_the_worker(
    many_organizations, staff_user, celery_worker_on_redis
):
    client = APIClient()
    token = Token.objects.create(user=staff_user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/organizations/", {"format": "xlsx"})
    assert response.status_code == 202
    status_url = response.json()["status_url"]
    job = wait_for(response.json()["id"], celery_worker_on_redis)
    assert job.status == ExportStatus.DONE, job.error
    followed = client.get(status_url).json()
    assert followed["status"] == "done" and followed["download_url"]
    sheet = load_workbook(
        io.BytesIO(b"".join(client.get(followed["download_url"]).streaming_content))
    )
    header = [cell.value for cell in sheet.active[1]]
    column = header.index("name_zh")
    names = {row[column] for row in sheet.active.iter_rows(min_row=2, values_only=True)}
    assert {f"导出单位{n}" for n in range(5)} <= names
    anonymous = APIClient()
    assert anonymous.get(followed["download_url"]).status_code in (401, 403)


@pytest.mark.django_db
def test_short_api_export_stays_immediate(staff_user, settings):
    OrganizationFactory(name_zh="立即导出单位")
    client = APIClient()
    client.force_authenticate(staff_user)
    response = client.get("/api/v1/organizations/", {"format": "csv"})
    assert response.status_code == 200
    assert "立即导出单位" in b"".join(response.streaming_content).decode("utf-8-sig")
    assert not ExportJob.objects.exists()
