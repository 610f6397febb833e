from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.achievements.tests.factories import AchievementFactory
from apps.agreements.tests.factories import ContractFactory
from apps.core.tests.factories import DepartmentFactory
from apps.matching.index import rebuild as rebuild_match_index
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.requests import services
from apps.requests.choices import Actor, MessageVisibility, RequestStatus
from apps.requests.models import RequestMessage, TechRequest
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


def change_url(tech_request):
    return reverse("admin:requests_techrequest_change", args=[tech_request.pk])


def admin_post(staff_client, tech_request, **data):
    payload = {
        "assigned_department": tech_request.assigned_department_id or "",
        "assigned_office": tech_request.assigned_office_id or "",
        "assignee": tech_request.assignee_id or "",
        "contract": tech_request.contract_id or "",
        "project": tech_request.project_id or "",
        "new_status": "",
        "message_to_partner": "",
        "internal_note": "",
    }
    for prefix in ("status_changes", "messages", "notifications"):
        payload.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    payload.update(data)
    return staff_client.post(change_url(tech_request), payload)


def test_change_page_suggests_departments_and_achievements_with_reasons_and_offices(
    staff_client, submitted
):
    thermal = DepartmentFactory(
        name_zh="热能工程系",
        name_en="Department of Thermal Engineering",
        keywords_zh="热能、储能、盐碱地改良、脱硫石膏",
    )
    AchievementFactory(
        title_zh="燃煤烟气脱硫废弃物改良盐碱土壤技术",
        summary_zh="利用脱硫副产物改良盐碱地。",
        industry="agriculture",
        department=thermal,
        is_public=False,
    )
    CooperationOfficeFactory(
        name_zh="清华大学宁夏产学研合作办公室",
        province=submitted.province,
        city=submitted.city,
    )
    rebuild_match_index()

    response = staff_client.get(change_url(submitted))

    body = response.content.decode()
    assert response.status_code == 200
    assert "匹配建议" in body
    assert "热能工程系" in body
    assert "关键词：盐碱地" in body
    # Staff see an unpublished achievement, marked so.
    assert "燃煤烟气脱硫废弃物改良盐碱土壤技术" in body
    assert "未公开" in body
    assert "清华大学宁夏产学研合作办公室" in body
    groups = {group.key: group for group in response.context["suggestions"]}
    assert groups["departments"].rows[0].accept == f"department:{thermal.pk}"
    assert groups["achievements"].rows[0].accept == f"department:{thermal.pk}"
    assert "行业相同" in groups["achievements"].rows[0].why


def test_one_click_accepts_a_suggested_department(staff_client, submitted):
    department = DepartmentFactory()
    url = reverse("admin:requests_techrequest_accept_suggestion", args=[submitted.pk])

    response = staff_client.post(url, {"suggestion": f"department:{department.pk}"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.assigned_department == department


def test_one_click_accepts_a_suggestion(staff_client, submitted):
    office = CooperationOfficeFactory()
    url = reverse("admin:requests_techrequest_accept_suggestion", args=[submitted.pk])

    response = staff_client.post(url, {"suggestion": f"office:{office.pk}"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.assigned_office == office


def test_staff_move_a_request_with_a_message_and_an_internal_note(staff_client, submitted):
    department = DepartmentFactory()
    response = admin_post(
        staff_client,
        submitted,
        new_status=RequestStatus.UNDER_REVIEW,
        assigned_department=department.pk,
        message_to_partner="我们正在评估。",
        internal_note="先联系热能系李老师",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.UNDER_REVIEW
    assert submitted.assigned_department == department
    visibilities = dict(
        RequestMessage.objects.filter(request=submitted).values_list("body", "visibility")
    )
    assert visibilities == {
        "我们正在评估。": MessageVisibility.SHARED,
        "先联系热能系李老师": MessageVisibility.INTERNAL,
    }
    assert submitted.status_changes.last().changed_by.username == "hq-admin"


def test_admin_offers_only_allowed_moves_and_explains_refusals(staff_client, submitted):
    form = staff_client.get(change_url(submitted)).context["adminform"].form
    assert {value for value, _label in form.fields["new_status"].choices} == {
        "",
        RequestStatus.UNDER_REVIEW,
        RequestStatus.DECLINED,
        RequestStatus.WITHDRAWN,
    }
    services.request_transition(
        tech_request=submitted, to_status=RequestStatus.UNDER_REVIEW, actor=Actor.STAFF
    )
    submitted.refresh_from_db()
    response = admin_post(staff_client, submitted, new_status=RequestStatus.MATCHED)
    assert response.status_code == 200
    assert "请先分派院系或办公室" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.UNDER_REVIEW


def test_contracting_in_the_admin_needs_the_contract(staff_client, submitted):
    department = DepartmentFactory()
    services.request_assign(tech_request=submitted, department=department)
    for status in (RequestStatus.UNDER_REVIEW, RequestStatus.MATCHED, RequestStatus.IN_NEGOTIATION):
        services.request_transition(tech_request=submitted, to_status=status, actor=Actor.STAFF)
    submitted.refresh_from_db()

    refused = admin_post(staff_client, submitted, new_status=RequestStatus.CONTRACTED)
    assert "请先关联需求形成的合同或项目" in refused.content.decode()

    contract = ContractFactory()
    accepted = admin_post(
        staff_client, submitted, new_status=RequestStatus.CONTRACTED, contract=contract.pk
    )
    assert accepted.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.contract) == (RequestStatus.CONTRACTED, contract)


def test_no_add_button_requests_come_from_partners(staff_client):
    assert staff_client.get(reverse("admin:requests_techrequest_add")).status_code == 403


def test_waiting_list_shows_only_requests_waiting_too_long(staff_client):
    late = TechRequestFactory(status_changed_at=timezone.now() - timedelta(days=10))
    fresh = TechRequestFactory()
    response = staff_client.get(reverse("admin:requests_techrequest_changelist") + "?waiting=yes")
    shown = list(response.context["cl"].result_list)
    assert shown == [late]
    assert fresh not in shown
    assert "等待过久（1）" in response.content.decode()


def test_changelist_queries_do_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    url = reverse("admin:requests_techrequest_changelist")
    TechRequestFactory(assigned_department=DepartmentFactory())
    staff_client.get(url)
    with django_assert_max_num_queries(16) as one:
        staff_client.get(url)
    TechRequestFactory.create_batch(40, assigned_department=DepartmentFactory())
    with django_assert_max_num_queries(len(one.captured_queries)):
        staff_client.get(url)


# --------------------------------------------------------------------------- funnel


def test_funnel_counts_by_month_and_region(staff_client):
    now = timezone.now()
    ningxia = TechRequestFactory(created_at=now).province
    first = TechRequestFactory(province=ningxia, status=RequestStatus.DECLINED)
    TechRequest.objects.filter(pk=first.pk).update(
        first_response_at=first.created_at + timedelta(days=2)
    )
    second = TechRequestFactory(
        province=ningxia,
        status=RequestStatus.CONTRACTED,
        assigned_department=DepartmentFactory(),
        contract=ContractFactory(),
        matched_at=now,
    )
    TechRequest.objects.filter(pk=second.pk).update(
        first_response_at=second.created_at + timedelta(days=4)
    )

    response = staff_client.get(reverse("admin:requests_techrequest_funnel"))

    rows = response.context["rows"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["received"], row["matched"], row["contracted"], row["declined"]) == (3, 1, 1, 1)
    assert row["median_days_to_response"] == pytest.approx(3.0)
    assert "首次答复天数中位数" in response.content.decode()


def test_funnel_runs_the_same_queries_for_few_and_many_requests(
    staff_client, django_assert_max_num_queries
):
    url = reverse("admin:requests_techrequest_funnel") + "?group=macro_region"
    TechRequestFactory()
    staff_client.get(url)
    with django_assert_max_num_queries(10) as few:
        staff_client.get(url)
    for months_back in range(1, 13):
        batch = TechRequestFactory.create_batch(5)
        TechRequest.objects.filter(pk__in=[item.pk for item in batch]).update(
            created_at=timezone.now() - timedelta(days=31 * months_back)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(url)
    assert response.context["totals"]["received"] == 61
    assert len(response.context["rows"]) >= 12
