"""A background import on a real Celery worker over the real Redis: progress while it checks
and while it writes, confirmation, the upload removed once written.

Kept apart from test_import_jobs.py: that module's world is built once inside a transaction
held open for the whole module, which a transactional test (the worker's own connection must
see what the test committed) cannot run inside.
"""

import pytest
from django.urls import reverse

from apps.core.tests.waiting import wait_until, worker_stopped
from apps.operations import imports
from apps.operations.models import ImportJob
from apps.operations.tests.conftest import xlsx_file
from apps.partners.models import Organization
from apps.regions.tests.factories import ProvinceFactory


def wait_for_status(client, job_id, wanted, seen, worker):
    status_url = reverse("admin:operations_importjob_status", args=[job_id])

    def reached():
        state = client.get(status_url).json()
        seen.append(state["progress"])
        return state if state["status"] in wanted else None

    return wait_until(
        reached, what=f"import {job_id} did not reach {wanted}", died=worker_stopped(worker)
    )


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_background_import_on_a_real_worker(staff_client, settings, celery_worker_on_redis):
    settings.IMPORT_BATCH_ROWS = 50
    province = ProvinceFactory()
    rows = [("名称（中文）", "kind", "province")]
    rows += [(f"后台导入单位{n:03d}", "企业", province.code) for n in range(300)]
    response = staff_client.post(
        reverse("admin:partners_organization_import"), {"import_file": xlsx_file(rows)}
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    progress = []
    state = wait_for_status(
        staff_client, job.pk, {"ready", "invalid"}, progress, celery_worker_on_redis
    )
    assert state["status"] == "ready", list(job.issues.values_list("line", "message"))
    assert state["progress"] == 100 and progress == sorted(progress)
    page = staff_client.get(response["Location"]).content.decode()
    assert "后台导入单位000" in page and 'name="confirm"' in page
    assert not Organization.objects.filter(name_zh__startswith="后台导入单位").exists()

    staff_client.post(reverse("admin:operations_importjob_confirm", args=[job.pk]))
    writing = []
    state = wait_for_status(
        staff_client, job.pk, {"done", "failed"}, writing, celery_worker_on_redis
    )
    assert state["status"] == "done"
    assert writing == sorted(writing) and writing[-1] == 100
    assert Organization.objects.filter(name_zh__startswith="后台导入单位").count() == 300
    wait_until(  # the upload goes once the write has committed
        lambda: not imports.job_path(job).exists(),
        what="the upload was not removed",
        died=worker_stopped(celery_worker_on_redis),
    )
