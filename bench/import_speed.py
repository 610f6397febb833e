"""Time and memory of the background spreadsheet import, 10,000 and 100,000 contracts.

The import job's own code path (apps.operations.imports), run in this process as the Celery
worker runs it (tasks eager): the upload stored under the job's id, the check (openpyxl
read-only, every row matched, full_clean, region rule, no writes: the "preview"), then the
confirmed write (all rows in one transaction, new rows in batches with their history).

    createdb -h 127.0.0.1 -U postgres coop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
        .venv/bin/python bench/import_speed.py --rows 10000 100000

It loads the geography when missing, adds a few departments and partners, writes an XLSX of
BENCHIMP- contracts, imports it, prints for each size the preview and confirm time and how far
the process's peak resident memory rose above where it stood (Linux: VmHWM reset through
/proc/self/clear_refs), and removes what it imported. Target: growth under 300 MB.
"""

import argparse
import datetime
import gc
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files import File  # noqa: E402
from django.core.management import call_command  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.core import export  # noqa: E402
from apps.core.models import Department  # noqa: E402
from apps.operations import imports  # noqa: E402
from apps.operations.models import ImportJob, JobStatus  # noqa: E402
from apps.partners.models import Organization  # noqa: E402
from apps.regions.models import City, Province  # noqa: E402

PREFIX = "BENCHIMP-"
HEADER = [
    "合同编号",
    "title_zh",
    "kind",
    "status",
    "院系",
    "principal investigator",
    "合作单位",
    "省份",
    "城市",
    "签订日期",
    "ends on",
    "金额（元）",
]


def reference_data():
    if not Province.objects.exists():
        call_command("load_geography", verbosity=0)
    departments = []
    for n in range(10):
        department, _created = Department.objects.get_or_create(
            code=f"bench-dept-{n}",
            defaults={"name_zh": f"基准测试系{n}", "name_en": f"Bench Department {n}"},
        )
        departments.append(department)
    cities = list(City.objects.filter(level="prefecture").select_related("province")[:200])
    partners = []
    for n, city in enumerate(cities[:100]):
        partner, _created = Organization.objects.get_or_create(
            name_zh=f"基准测试企业{n}有限公司",
            defaults={
                "name_en": f"Bench Enterprise {n}",
                "kind": "enterprise",
                "province": city.province,
                "city": city,
            },
        )
        partners.append(partner)
    return departments, partners


def rows(count, departments, partners):
    rng = random.Random(7)
    kinds = ["技术开发", "transfer", "技术服务", "consulting"]
    for n in range(count):
        partner = rng.choice(partners)
        department = rng.choice(departments)
        signed = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(1500))
        yield [
            f"{PREFIX}{n:06d}",
            f"基准导入合同{n}",
            rng.choice(kinds),
            "signed",
            rng.choice([department.code, department.name_zh, department.name_en]),
            "王教授",
            rng.choice([partner.name_zh, partner.name_en]),
            rng.choice([partner.province.name_zh, partner.province.code, partner.province.name_en]),
            rng.choice([partner.city.name_zh, partner.city.code]),
            signed,
            (signed + datetime.timedelta(days=365)).isoformat(),
            f"{rng.randrange(10_000, 5_000_000)}.00",
        ]


def write_xlsx(path, data):
    """The sheet a member of staff would upload (written row by row, flat memory)."""
    export.write_xlsx(path, HEADER, data, title="contracts")
    return path.stat().st_size


def memory_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def reset_peak():
    Path("/proc/self/clear_refs").write_text("5")


def measured(step):
    """Run ``step``; return (seconds, peak resident memory growth in MB, its result)."""
    gc.collect()
    reset_peak()
    before = memory_kb("VmRSS")
    started = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - started
    return seconds, (memory_kb("VmHWM") - before) / 1024, result


def clear():
    Contract.history.filter(number__startswith=PREFIX).delete()
    Contract.objects.filter(number__startswith=PREFIX).delete()


def one_size(count, user, departments, partners, workdir):
    clear()
    path = workdir / f"contracts-{count}.xlsx"
    size = write_xlsx(path, rows(count, departments, partners))
    with open(path, "rb") as handle:
        upload = File(handle, name=path.name)
        # Celery runs eagerly here (set above): creating the job runs the worker's check.
        preview_seconds, preview_mb, job = measured(
            lambda: imports.import_job_create(user=user, model=Contract, upload=upload)
        )
    job.refresh_from_db()
    if job.status != JobStatus.READY:
        first = job.issues.first()
        raise SystemExit(f"check failed: {job.message or first}")
    confirm_seconds, confirm_mb, _job = measured(
        lambda: imports.import_job_confirm(job_id=job.pk, user=user)
    )
    job.refresh_from_db()
    imported = Contract.objects.filter(number__startswith=PREFIX).count()
    print(
        f"{count:>7,} rows (XLSX {size / 1e6:.1f} MB): "
        f"preview {preview_seconds:6.1f} s, +{preview_mb:5.0f} MB peak; "
        f"confirm {confirm_seconds:6.1f} s, +{confirm_mb:5.0f} MB peak "
        f"({count / confirm_seconds:,.0f} rows/s); status {job.status}, written {imported:,}",
        flush=True,
    )
    clear()
    ImportJob.objects.filter(pk=job.pk).delete()
    return max(preview_mb, confirm_mb)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()

    user, _created = get_user_model().objects.get_or_create(
        username="bench-import", defaults={"is_staff": True, "is_superuser": True}
    )
    departments, partners = reference_data()
    peaks = []
    with tempfile.TemporaryDirectory() as workdir:
        for count in args.rows:
            peaks.append(one_size(count, user, departments, partners, Path(workdir)))
    verdict = "within" if max(peaks) < 300 else "OVER"
    print(f"target: memory growth under 300 MB at every size: {verdict} ({max(peaks):.0f} MB)")


if __name__ == "__main__":
    main()
