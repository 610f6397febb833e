"""Technology requests: the public form's latency with Redis up and with Redis down, and the
staff funnel over many requests.

Run against a scratch database and a Redis database of its own:

    createdb -h 127.0.0.1 -U postgres coop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench \\
    REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python bench/requests_bench.py --submissions 200 --funnel-rows 100000

Each submission is a real POST of the form (with a one-page PDF) through Django's test client:
validation, the content check of the file, one transaction, the outbox rows and the Celery
hand-off after commit. With the broker (and the cache) pointed at a dead address the request
must still be saved, about as fast. Then it bulk-inserts BENCH- requests spread over 36 months
and every province and times the funnel (rows + totals, two queries). Everything it added is
removed at the end; tasks it queued for deleted rows are no-ops for a worker.
"""

import argparse
import logging
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from kombu import pools  # noqa: E402

from apps.regions.models import City, Province  # noqa: E402
from apps.requests import selectors  # noqa: E402
from apps.requests.choices import RequestStatus  # noqa: E402
from apps.requests.models import Notification, TechRequest  # noqa: E402
from apps.requests.tokens import new_submission_token  # noqa: E402
from tsinghua_coop.celery import app  # noqa: E402

logging.getLogger("apps.requests").setLevel(logging.ERROR)

DEAD = "redis://127.0.0.1:1/0"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"%" * 20000


def use_broker(url):
    for key in ("broker_url", "CELERY_BROKER_URL"):
        app.conf[key] = url
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def form_data(province, city, n):
    return {
        "organization_name": f"BENCH-{n} 测试企业",
        "organization_kind": "private",
        "contact_name": "测试",
        "email": f"bench{n}@example.com",
        "phone": "010-62781234",
        "province": province.code,
        "city": city.code,
        "industry": "environment",
        "title": "盐碱地改良基准测试",
        "description": "基准测试：希望引进脱硫废弃物改良盐碱土的技术，并在本地开展示范。",
        "cooperation_kind": "transfer",
        "budget_range": "1m_5m",
        "timeline": "1y",
        "consent_to_contact": "on",
        "submission_token": new_submission_token(),
        "attachments": [SimpleUploadedFile("方案.pdf", PDF)],
    }


def time_submissions(label, count, province, city):
    client = Client()
    timings = []
    for n in range(count):
        data = form_data(province, city, n)
        started = time.perf_counter()
        response = client.post("/requests/", data, REMOTE_ADDR=f"10.{n // 250}.{n % 250}.1")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    timings.sort()
    print(
        f"{label:<28} {count} submissions: median {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.1f} ms, "
        f"{count / sum(timings):.1f} per second (one process)"
    )


def time_funnel(rows):
    provinces = list(Province.objects.order_by("code"))
    cities = {c.province_id: c for c in City.objects.filter(parent__isnull=True)}
    now = timezone.now()
    statuses = [RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW, RequestStatus.DECLINED]
    batch = []
    for n in range(rows):
        province = provinces[n % len(provinces)]
        created = now - timedelta(days=(n * 7) % 1095, minutes=n % 1440)
        status = statuses[n % len(statuses)]
        batch.append(
            TechRequest(
                reference=f"BENCH-{n:07d}",
                submission_key=f"bench-{uuid.uuid4().hex}",
                tracking_salt="bench",
                tracking_token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                organization_name=f"BENCH-{n}",
                organization_kind="private",
                contact_name="测试",
                email="bench@example.com",
                phone="010-62781234",
                province=province,
                city=cities.get(province.pk),
                industry="environment",
                title="基准",
                description="基准测试",
                cooperation_kind="transfer",
                budget_range="1m_5m",
                timeline="1y",
                consent_to_contact=True,
                status=status,
                first_response_at=(
                    None if status == RequestStatus.SUBMITTED else created + timedelta(days=n % 9)
                ),
            )
        )
        if len(batch) == 5000:
            TechRequest.objects.bulk_create(batch)
            batch = []
    TechRequest.objects.bulk_create(batch)
    # created_at is auto_now_add: spread it over three years afterwards, in one statement.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE requests_techrequest SET created_at = now() - "
            "((substring(reference from 7)::int * 7) %% 1095) * interval '1 day' "
            "WHERE reference LIKE %s",
            ["BENCH-%"],
        )
    with override_settings(DEBUG=True):
        for group in ("province", "macro_region"):
            reset_queries()
            started = time.perf_counter()
            result_rows, totals = selectors.funnel(group=group)
            elapsed = time.perf_counter() - started
            print(
                f"funnel by {group:<13} over {totals['received']} requests: "
                f"{len(result_rows)} rows in {elapsed * 1000:.0f} ms, "
                f"{len(connection.queries)} queries"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--funnel-rows", type=int, default=100000)
    args = parser.parse_args()

    if not Province.objects.exists():
        call_command("load_geography")
    province = Province.objects.get(code="640000")
    city = City.objects.filter(province=province, parent__isnull=True).order_by("code").first()
    settings.REQUEST_SUBMIT_RATE = (10**9, 3600)
    try:
        broker = settings.CELERY_BROKER_URL
        time_submissions(f"broker up ({broker.split('://')[0]})", args.submissions, province, city)
        dead_since = timezone.now()
        use_broker(DEAD)
        dead_cache = {"default": {"BACKEND": settings.CACHES["default"]["BACKEND"]}}
        if "redis" in dead_cache["default"]["BACKEND"].lower():
            dead_cache["default"]["LOCATION"] = DEAD
        with override_settings(CACHES=dead_cache):
            time_submissions("broker and cache down", args.submissions, province, city)
        use_broker(broker)
        written = Notification.objects.filter(created_at__gte=dead_since)
        print(
            f"emails written to the outbox while the broker was down: {written.count()}, "
            f"of which unsent (waiting for the sweep): {written.filter(sent_at__isnull=True).count()}"
        )
        time_funnel(args.funnel_rows)
    finally:
        for attachment_request in TechRequest.objects.filter(
            organization_name__startswith="BENCH-", attachments__isnull=False
        ).prefetch_related("attachments"):
            for attachment in attachment_request.attachments.all():
                attachment.file.delete(save=False)
        deleted, _ = TechRequest.objects.filter(organization_name__startswith="BENCH-").delete()
        print(f"removed {deleted} bench rows")


if __name__ == "__main__":
    main()
