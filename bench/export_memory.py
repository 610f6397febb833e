"""Memory and time of the API's CSV and XLSX downloads of 100,000 contracts.

Run against a scratch database (it adds BENCH- contracts when fewer than --rows exist):

    createdb -h 127.0.0.1 -U postgres coop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
        .venv/bin/python bench/export_memory.py --rows 100000

For each format it prints the rows and bytes sent, the seconds taken and how far the process's
peak resident memory rose above where it stood before the download (Linux: VmHWM reset through
/proc/self/clear_refs). Staff downloads past EXPORT_BACKGROUND_THRESHOLD rows are background jobs: those are run
here as the worker runs them (tasks eager) and measured the same way. The target is a growth
under 100 MB.
"""

import argparse
import datetime
import gc
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.core.models import Department  # noqa: E402
from apps.operations import exports  # noqa: E402
from apps.operations.models import ExportJob  # noqa: E402
from apps.partners.models import Organization  # noqa: E402
from apps.regions.models import City, CityLevel, Province  # noqa: E402

BATCH = 5000


def memory_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def reset_peak():
    Path("/proc/self/clear_refs").write_text("5")


def ensure_contracts(rows):
    existing = Contract.objects.count()
    if existing >= rows:
        return existing
    province, _ = Province.objects.get_or_create(
        code="890000",
        defaults={
            "name_zh": "基准测试省",
            "short_name_zh": "基准",
            "name_en": "Benchmark Province",
            "kind": "province",
            "macro_region": "east",
        },
    )
    city, _ = City.objects.get_or_create(
        code="890100",
        defaults={
            "province": province,
            "level": CityLevel.PREFECTURE,
            "name_zh": "基准测试市",
            "name_en": "Benchmark City",
        },
    )
    department, _ = Department.objects.get_or_create(
        code="bench-dept", defaults={"name_zh": "基准测试系", "name_en": "Benchmark Department"}
    )
    organization, _ = Organization.objects.get_or_create(
        name_zh="基准测试企业有限公司",
        defaults={"kind": "enterprise", "province": province, "city": city},
    )
    start = Contract.objects.filter(number__startswith="BENCH-").count()
    missing = rows - existing
    print(f"adding {missing} contracts …", flush=True)
    for offset in range(0, missing, BATCH):
        Contract.objects.bulk_create(
            Contract(
                number=f"BENCH-{start + offset + index:07d}",
                title_zh=f"基准测试技术开发合同{start + offset + index}",
                title_en=f"Benchmark development contract {start + offset + index}",
                kind=("development", "transfer", "service", "consulting")[index % 4],
                department=department,
                principal_investigator="基准教授",
                organization=organization,
                province=province,
                city=city,
                signed_on=datetime.date(2000 + index % 25, 1 + index % 12, 1 + index % 28),
                amount=Decimal(10000 + index),
                is_illustrative=True,
            )
            for index in range(min(BATCH, missing - offset))
        )
    return Contract.objects.count()


def measure(client, export_format):
    # An empty download first, so one-time imports and caches are not counted as growth.
    client.get("/api/v1/contracts/", {"format": export_format, "year": 1900})
    reset_peak()
    before = memory_kb("VmRSS")
    started = time.perf_counter()
    response = client.get("/api/v1/contracts/", {"format": export_format})
    assert response.status_code == 200, response.status_code
    sent = 0
    lines = 0
    for chunk in response.streaming_content:
        sent += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    elapsed = time.perf_counter() - started
    growth_mb = (memory_kb("VmHWM") - before) / 1024
    return sent, lines, elapsed, growth_mb


def measure_job(client, export_format):
    """A staff download of every contract: a background export job (run in this process, as
    the worker runs it: tasks are eager here)."""
    client.get("/api/v1/contracts/", {"format": export_format, "year": 1900})
    gc.collect()
    reset_peak()
    before = memory_kb("VmRSS")
    started = time.perf_counter()
    response = client.get("/api/v1/contracts/", {"format": export_format})
    assert response.status_code == 202, response.status_code
    job = ExportJob.objects.get(pk=response.json()["id"])
    elapsed = time.perf_counter() - started
    growth_mb = (memory_kb("VmHWM") - before) / 1024
    size = exports.job_path(job).stat().st_size
    exports.job_path(job).unlink()
    job.delete()
    return size, job.rows_written, elapsed, growth_mb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    total = ensure_contracts(arguments.rows)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-export", defaults={"is_staff": True, "is_superuser": True}
    )
    staff = Client()
    staff.force_login(user)
    print(f"{total} contracts in the database")
    print("anonymous visitor, public columns, streamed at once:")
    for export_format in ("csv", "xlsx"):
        sent, lines, elapsed, growth_mb = measure(Client(), export_format)
        rows = f"{lines - 1} rows, " if export_format == "csv" else ""
        print(
            f"  {export_format}: {rows}{sent / 1e6:.1f} MB in {elapsed:.1f} s "
            f"({total / elapsed:,.0f} rows/s), peak RSS growth {growth_mb:.1f} MB"
        )
    print("staff, every column, a background export job (more rows than the threshold):")
    for export_format in ("csv", "xlsx"):
        size, rows, elapsed, growth_mb = measure_job(staff, export_format)
        print(
            f"  {export_format}: {rows} rows, {size / 1e6:.1f} MB in {elapsed:.1f} s "
            f"({rows / elapsed:,.0f} rows/s), peak RSS growth {growth_mb:.1f} MB"
        )


if __name__ == "__main__":
    main()
