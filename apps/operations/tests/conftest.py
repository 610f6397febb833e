import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from apps.accounts.tests.conftest import (  # noqa: F401 — shared fixtures
    auditor,
    hq_user,
    office_client,
    office_user,
    province_user,
    world,
)
from apps.operations import imports
from apps.operations.models import ImportJob
from apps.operations.tests.celery_worker import (  # noqa: F401 — shared fixtures
    celery_worker_on_redis,
    run_on_worker,
)


def xlsx_file(rows, name="sheet.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def csv_file(text, name="sheet.csv"):
    buffer = io.BytesIO(text.encode("utf-8"))
    buffer.name = name
    return buffer


class AdminImporter:
    """Drives the admin's import: upload, the check (run here as the worker would run it),
    the job's page, then confirm and the write (again as the worker would)."""

    def __init__(self, client, label):
        app_label, model = label.lower().split(".")
        self.client = client
        self.import_url = reverse(f"admin:{app_label}_{model}_import")

    def upload(self, upload, **headers):
        response = self.client.post(self.import_url, {"import_file": upload}, **headers)
        if response.status_code != 302:
            return response, None
        job = ImportJob.objects.order_by("-created_at").first()
        return response, job

    def preview(self, upload, **headers):
        """The job's page after the check; ``.job`` and ``.issues`` for the assertions."""
        response, job = self.upload(upload, **headers)
        assert job is not None, response.content.decode()[:2000]
        imports.import_job_validate(job_id=job.pk)
        page = self.client.get(reverse("admin:operations_importjob_change", args=[job.pk]))
        job.refresh_from_db()
        page.job = job
        page.issues = issues_by_line(job)
        return page

    def confirm(self, preview, **headers):
        response = self.client.post(
            reverse("admin:operations_importjob_confirm", args=[preview.job.pk]), **headers
        )
        imports.import_job_run(job_id=preview.job.pk)
        preview.job.refresh_from_db()
        response.job = preview.job
        return response


def issues_by_line(job):
    """{line: {column: [messages]}} of a job's errors."""
    found = {}
    for issue in job.issues.all():
        found.setdefault(issue.line, {}).setdefault(issue.column, []).append(issue.message)
    return found


@pytest.fixture
def importer():
    return AdminImporter


@pytest.fixture(autouse=True)
def reports_in_a_temporary_folder(settings, tmp_path):
    settings.REPORTS_ROOT = str(tmp_path / "reports")
    settings.IMPORTS_ROOT = str(tmp_path / "imports")
    settings.EXPORTS_ROOT = str(tmp_path / "exports")
