import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

DOMAIN_APPS = [
    "core",
    "regions",
    "partners",
    "agreements",
    "funds",
    "institutes",
    "offices",
    "projects",
    "events",
]

DOMAIN_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in DOMAIN_APPS
    ),
    key=lambda pair: pair[0]._meta.label,
)
ADMIN_IDS = [model._meta.label for model, _ in DOMAIN_ADMINS]

# A changelist with a handful of rows and one with a full page, for models with many rows.
BUSY_CHANGELISTS = {
    "agreements.Contract": {"q": "DEMO-2015-0001"},
    "agreements.Payment": {"q": "DEMO-2015-0001"},
    "agreements.CooperationAgreement": {"kind__exact": "comprehensive", "q": "江"},
    "events.ExchangeEvent": {"q": "2015年苏州"},
    "partners.Organization": {"q": "苏州"},
    "partners.Membership": {"tier": "strategic"},
    "projects.CooperationProject": {"q": "OLED"},
    "regions.City": {"q": "苏州"},
    "offices.CooperationOffice": {"q": "苏州"},
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("model", "model_admin"), DOMAIN_ADMINS, ids=ADMIN_IDS)
def test_every_admin_page_renders_for_staff(demo_data, staff_client, model, model_admin):
    changelist = staff_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert staff_client.get(admin_url(model, "add")).status_code == 200
    record = model.objects.order_by("pk").first()
    assert record is not None, f"load_demo leaves {model._meta.label} empty"
    change = staff_client.get(admin_url(model, "change", record.pk))
    assert change.status_code == 200
    assert str(record) in change.content.decode()


@pytest.mark.parametrize("label", sorted(BUSY_CHANGELISTS))
def test_changelist_queries_do_not_grow_with_rows(
    demo_data, staff_client, django_assert_max_num_queries, label
):
    model = next(model for model, _ in DOMAIN_ADMINS if model._meta.label == label)
    url = admin_url(model, "changelist")
    with CaptureQueriesContext(connection) as few:
        small = staff_client.get(url, BUSY_CHANGELISTS[label])
    shown_few = small.context["cl"].result_list
    with django_assert_max_num_queries(len(few)):
        full = staff_client.get(url)
    shown_full = full.context["cl"].result_list
    assert len(shown_full) > len(shown_few)
    assert len(shown_full) >= 20


def test_contract_changelist_totals_the_filtered_amounts(demo_data, staff_client):
    from apps.agreements.models import Contract

    response = staff_client.get(admin_url(Contract, "changelist"), {"kind__exact": "transfer"})
    transfers = Contract.objects.filter(kind="transfer")
    total = sum(c.amount for c in transfers)
    totals_line = re.search(
        r'<p class="coop-totals"[^>]*>(.*?)</p>', response.content.decode(), re.S
    ).group(1)
    assert f"{transfers.count()} " in totals_line
    assert f"{total:,.2f}" in totals_line
    assert transfers.count() < Contract.objects.count()


def test_admin_requires_staff(client, django_user_model):
    user = django_user_model.objects.create_user("partner", password="x-strong-password-1")
    client.force_login(user)
    response = client.get(reverse("admin:agreements_contract_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_speaks_chinese_by_default_and_english_when_staff_choose_it(staff_client):
    url = reverse("admin:agreements_contract_changelist")
    chinese = staff_client.get(url).content.decode()
    assert "技术合同" in chinese
    switched = staff_client.post(reverse("set_language"), {"language": "en", "next": url})
    assert switched.status_code == 302
    english = staff_client.get(url).content.decode()
    assert "Technology contracts" in english
    assert "技术合同" not in english
