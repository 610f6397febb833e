"""Time of the spreadsheet import of 10,000 technology contracts, as the admin runs it.

The same code path as the admin's confirmed import: every row matched (department, partner,
province, city by code or name), full_clean() with the database constraints, saved with its
history row, all in one transaction. The preview (a dry run) is timed too.

    createdb -h 127.0.0.1 -U postgres coop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
        .venv/bin/python bench/import_speed.py --rows 10000

It loads the geography when missing, adds a few departments and partners, imports BENCHIMP-
contracts (new ones; with --update a second run over the same rows updates them), prints the
figures and removes what it imported. Target: under 30 s for 10,000 rows on one core.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from apps.agreements.models import Contract  # noqa: E402
from apps.core.models import Department  # noqa: E402
from apps.operations.importing import for_confirmation  # noqa: E402
from apps.operations.resources import ContractResource  # noqa: E402
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


def as_xlsx_dataset(data):
    """Write the rows to an XLSX file and read it back, as an uploaded file would be."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    started = time.perf_counter()
    dataset = tablib.Dataset().load(buffer.getvalue(), format="xlsx")
    return dataset, time.perf_counter() - started, len(buffer.getvalue())


def run(resource_user, dataset, dry_run):
    connection.queries_log.clear()
    started = time.perf_counter()
    resource_class = ContractResource if dry_run else for_confirmation(ContractResource)
    result = resource_class(user=resource_user).import_data(
        dataset.__class__(*dataset, headers=dataset.headers),
        dry_run=dry_run,
        rollback_on_validation_errors=True,
        user=resource_user,
    )
    elapsed = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        first = (result.invalid_rows or result.row_errors())[0]
        raise SystemExit(f"import failed: {first}")
    return elapsed, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--update", action="store_true", help="also time re-importing the rows")
    args = parser.parse_args()

    user = get_user_model().objects.filter(is_superuser=True).first()
    departments, partners = reference_data()
    Contract.history.filter(number__startswith=PREFIX).delete()
    Contract.objects.filter(number__startswith=PREFIX).delete()

    dataset, read_seconds, size = as_xlsx_dataset(rows(args.rows, departments, partners))
    print(f"rows: {args.rows}; XLSX {size / 1e6:.1f} MB read in {read_seconds:.1f} s")

    preview_seconds, _result = run(user, dataset, dry_run=True)
    print(f"preview (dry run, rolled back): {preview_seconds:.1f} s")

    import_seconds, result = run(user, dataset, dry_run=False)
    imported = Contract.objects.filter(number__startswith=PREFIX).count()
    print(
        f"import (one transaction): {import_seconds:.1f} s, "
        f"{args.rows / import_seconds:.0f} rows/s; new {result.totals['new']}, "
        f"in the database {imported}, history rows "
        f"{Contract.history.filter(number__startswith=PREFIX).count()}"
    )
    if args.update:
        update_seconds, result = run(user, dataset, dry_run=False)
        print(f"re-import (updates): {update_seconds:.1f} s; updated {result.totals['update']}")

    Contract.history.filter(number__startswith=PREFIX).delete()
    Contract.objects.filter(number__startswith=PREFIX).delete()
    verdict = "within" if import_seconds < 30 else "OVER"
    print(f"target: under 30 s for 10,000 rows on one core: {verdict}")


if __name__ == "__main__":
    main()
