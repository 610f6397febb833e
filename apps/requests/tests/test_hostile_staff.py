"""The staff pages the issue saw answer 500 to odd input: each answers with a page instead."""

import pytest
from django.contrib.messages import get_messages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["10000", "-5", "0", "abc", "99999999999999999999"])
def test_funnel_with_an_impossible_year_shows_all_years(staff_client, submitted, year):
    response = staff_client.get(f"/admin/requests/techrequest/funnel/?year={year}")
    assert response.status_code == 200
    assert response.context["year"] is None


@pytest.mark.parametrize("suggestion", ["project:-1", "office:", "office:999999", "department:x"])
def test_accepting_a_suggestion_that_does_not_exist_says_so(staff_client, submitted, suggestion):
    url = f"/admin/requests/techrequest/{submitted.pk}/accept-suggestion/"
    response = staff_client.post(url, {"suggestion": suggestion})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["无法采用该建议。"]
    submitted.refresh_from_db()
    assert submitted.assigned_office_id is None and submitted.assigned_department_id is None


def test_export_with_an_unknown_filter_goes_back_to_the_list_which_says_so(staff_client):
    response = staff_client.get("/admin/partners/organization/export/?bogus=1")

    assert response.status_code == 302
    assert response["Location"] == "/admin/partners/organization/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "无法识别列表的筛选条件，请重新导出。"
    ]
