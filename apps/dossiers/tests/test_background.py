import pytest

from apps.core.tests.waiting import wait_until, worker_stopped
from apps.events.models import ExchangeEvent
from apps.public.tests.sample import build_sample


def fetch_until_ready(client, url, worker):
    def generated():
        response = client.get(url)
        assert response.status_code in (200, 202)
        return response if response.status_code == 200 else None

    return wait_until(
        generated, what=f"{url} was not generated", died=worker_stopped(worker), interval=0.5
    )


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_dossier_is_made_by_the_worker_once_per_data_version_and_language(
    celery_worker_on_redis, client
):
    build_sample()
    url = "/cities/320500/dossier.pdf"

    first = client.get(url)
    assert first.status_code == 202
    assert "正在生成" in first.content.decode() and first["Retry-After"]
    ready = fetch_until_ready(client, url, celery_worker_on_redis)
    assert ready["Content-Type"] == "application/pdf" and ready.content.startswith(b"%PDF")

    again = client.get(url)  # served from the cache: no second generation
    assert again.status_code == 200 and again.content == ready.content
    english = client.get("/en" + url)
    assert english.status_code == 202  # each language is a dossier of its own

    event = ExchangeEvent.objects.get(code="fair-this-year")
    event.title_zh = "苏州科技成果对接会（更正）"
    event.save()  # a new data version: the next click makes a fresh dossier
    assert client.get(url).status_code == 202
    fresh = fetch_until_ready(client, url, celery_worker_on_redis)
    assert fresh.content != ready.content


@pytest.mark.django_db
def test_staff_dossier_is_for_staff_only(client, sample, django_user_model):
    assert client.get("/regions/320000/dossier/?audience=staff").status_code == 403
    assert client.get("/regions/320000/dossier.pdf?audience=staff").status_code == 403
    staff = django_user_model.objects.create_superuser("hq", "hq@example.edu.cn", "pw-12345678")
    client.force_login(staff)
    regions = client.get("/admin/regions/province/?q=320000").content.decode()
    assert "/regions/320000/dossier/?audience=staff" in regions
    staff_page = client.get("/regions/320000/dossier/?audience=staff").content.decode()
    assert "内部资料" in staff_page and "zhang.private@example.cn" in staff_page
    client.logout()
    page = client.get("/regions/320000/dossier/")
    assert page.status_code == 200
    assert "清华大学苏州汽车研究院" in page.content.decode()
    region_page = client.get("/regions/320000/").content.decode()
    assert "/regions/320000/dossier.pdf" in region_page
    assert "/cities/320500/dossier.pdf" in client.get("/cities/320500/").content.decode()
