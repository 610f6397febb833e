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
    """Drives the admin's import: upload (preview), then confirm."""

    FORMAT_INDEX = {"xlsx": "0", "csv": "1"}

    def __init__(self, client, label):
        app_label, model = label.lower().split(".")
        self.client = client
        self.import_url = reverse(f"admin:{app_label}_{model}_import")
        self.process_url = reverse(f"admin:{app_label}_{model}_process_import")

    def preview(self, upload, **headers):
        kind = upload.name.rsplit(".", 1)[1]
        return self.client.post(
            self.import_url,
            {"import_file": upload, "format": self.FORMAT_INDEX[kind], "resource": "0"},
            **headers,
        )

    def confirm(self, preview, **headers):
        form = preview.context["confirm_form"]
        assert form is not None, "the preview offered no confirmation"
        return self.client.post(self.process_url, dict(form.initial), **headers)


@pytest.fixture
def importer():
    return AdminImporter


@pytest.fixture(autouse=True)
def reports_in_a_temporary_folder(settings, tmp_path):
    settings.REPORTS_ROOT = str(tmp_path / "reports")
