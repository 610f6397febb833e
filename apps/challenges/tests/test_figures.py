"""Time to first response by department and by office, recomputed by hand; the funnel by
channel; what the public may know of it; the admin page that shows them to staff."""

import datetime
import statistics
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.agreements.tests.factories import ContractFactory
from apps.challenges import selectors
from apps.challenges.tests.factories import ChallengeFactory, ProposalFactory
from apps.core.tests.factories import DepartmentFactory
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def answered():
    """Three challenges of two offices; proposals from two departments."""
    suzhou = CooperationOfficeFactory(name_zh="苏州办公室")
    wuxi = CooperationOfficeFactory(name_zh="无锡办公室")
    chemistry = DepartmentFactory(name_zh="化学系")
    thermal = DepartmentFactory(name_zh="热能工程系")
    first = ChallengeFactory(office=suzhou, published_on=D(2025, 3, 1))
    second = ChallengeFactory(office=suzhou, published_on=D(2025, 4, 1))
    third = ChallengeFactory(office=wuxi, published_on=D(2025, 5, 1))
    ChallengeFactory(office=wuxi, published_on=D(2025, 5, 1))  # no proposal yet
    # first: chemistry after 4 days (then again after 20), thermal after 10
    ProposalFactory(challenge=first, department=chemistry, received_on=D(2025, 3, 5))
    ProposalFactory(challenge=first, department=chemistry, received_on=D(2025, 3, 21))
    ProposalFactory(challenge=first, department=thermal, received_on=D(2025, 3, 11))
    # second: thermal after 30 days
    ProposalFactory(challenge=second, department=thermal, received_on=D(2025, 5, 1))
    # third: chemistry after 7 days
    ProposalFactory(challenge=third, department=chemistry, received_on=D(2025, 5, 8))
    return {"suzhou": suzhou, "wuxi": wuxi, "chemistry": chemistry, "thermal": thermal}


def test_time_to_first_response_by_department_and_office(answered, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        figures = selectors.response_times()

    by_department = {row.label: row for row in figures["departments"]}
    # chemistry: first proposals after 4 (first) and 7 (third) days; thermal: 10 and 30.
    assert by_department["化学系"].median_days == statistics.median([4, 7]) == 5.5
    assert by_department["化学系"].answered == 2
    assert by_department["热能工程系"].median_days == statistics.median([10, 30]) == 20
    by_office = {row.label: row for row in figures["offices"]}
    # Suzhou: first challenge answered after 4 days, second after 30; Wuxi: 7, one unanswered.
    assert by_office["苏州办公室"].median_days == 17
    assert (by_office["苏州办公室"].challenges, by_office["苏州办公室"].answered) == (2, 2)
    assert by_office["无锡办公室"].median_days == 7
    assert (by_office["无锡办公室"].challenges, by_office["无锡办公室"].answered) == (2, 1)
    assert figures["overall"].median_days == 7  # median of 4, 30, 7


def test_the_query_count_does_not_grow_with_the_rows(answered, django_assert_max_num_queries):
    for _ in range(5):
        ProposalFactory(challenge=ChallengeFactory(), department=answered["chemistry"])

    with django_assert_max_num_queries(3):
        selectors.response_times()
    with django_assert_max_num_queries(4):
        selectors.funnel()


def test_the_funnel_counts_each_step_by_channel():
    web = [TechRequestFactory(submitted_from="192.0.2.1") for _ in range(4)]
    other = [TechRequestFactory(submitted_from=None) for _ in range(2)]
    published = []
    for tech_request in [*web[:3], other[0]]:
        published.append(
            ChallengeFactory(
                request=tech_request,
                province=tech_request.province,
                city=tech_request.city,
                published_on=D(2025, 3, 1),
            )
        )
    ProposalFactory(challenge=published[0], received_on=D(2025, 3, 3))
    ProposalFactory(challenge=published[1], received_on=D(2025, 3, 9))
    ProposalFactory(challenge=published[3], received_on=D(2025, 3, 12))
    contract = ContractFactory(amount=Decimal("800000.00"))
    signed = published[0]
    signed.contract, signed.stage = contract, "signed"
    signed.save()

    rows, total = selectors.funnel()

    web_row, other_row = rows
    assert (web_row.requests, web_row.challenges, web_row.with_proposal, web_row.contracts) == (
        4,
        3,
        2,
        1,
    )
    assert web_row.signed_amount == Decimal("800000.00")
    assert web_row.median_days_to_proposal == 5  # 2 and 8 days
    assert (
        other_row.requests,
        other_row.challenges,
        other_row.with_proposal,
        other_row.contracts,
    ) == (2, 1, 1, 0)
    assert other_row.median_days_to_proposal == 11
    assert (total.requests, total.challenges, total.with_proposal, total.contracts) == (6, 4, 3, 1)


def test_the_public_funnel_gives_counts_only_and_withholds_small_groups():
    for _ in range(3):
        tech_request = TechRequestFactory(submitted_from="192.0.2.1")
        ChallengeFactory(
            request=tech_request, province=tech_request.province, city=tech_request.city
        )
    TechRequestFactory(submitted_from=None)

    rows, total = selectors.public_funnel()

    # The "other" channel has one request: withheld, and so is the web form's row, which the
    # total minus it would otherwise give away.
    assert all(row["withheld"] for row in rows)
    assert all(row["requests"] is None for row in rows)
    assert total == {"requests": 4, "challenges": 3, "with_proposal": 0, "contracts": 0}
    assert not any("amount" in key or "days" in key for row in rows for key in row)


def test_staff_see_the_figures_page(admin_client, answered):
    response = admin_client.get("/admin/challenges/challenge/figures/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "化学系" in page and "苏州办公室" in page
    assert "5.5" in page


def test_the_figures_page_is_for_staff_only(client):
    response = client.get("/admin/challenges/challenge/figures/")

    assert response.status_code == 302


def test_the_public_funnel_page_shows_counts_and_no_money(client):
    for _ in range(3):
        tech_request = TechRequestFactory(submitted_from="192.0.2.1")
        challenge = ChallengeFactory(
            request=tech_request, province=tech_request.province, city=tech_request.city
        )
        ProposalFactory(challenge=challenge)
    for _ in range(3):
        TechRequestFactory(submitted_from=None)

    zh = client.get("/challenges/funnel/").content.decode()

    assert "网上表单" in zh
    # web form: 3 requests, 3 challenges, 3 with a proposal, no contract; other: 3 requests
    assert "<td>3</td><td>3</td><td>3</td><td>0</td>" in zh
    assert "<td>3</td><td>0</td><td>0</td><td>0</td>" in zh

    # One signed challenge of the other channel: its counts (4, 1, 0, 1) are small, withheld,
    # and the web form's row with them (the total would give them away); no money anywhere.
    contract = ContractFactory(amount=Decimal("765432.10"))
    ChallengeFactory(contract=contract, stage="signed")
    zh = client.get("/challenges/funnel/").content.decode()
    en = client.get("/en/challenges/funnel/").content.decode()
    translation.activate("zh-hans")

    assert en.count("Withheld (small group)") == 2
    assert "<td>7</td><td>4</td><td>3</td><td>不予公布</td>" in zh
    for page in (zh, en):
        assert "765432" not in page and "765,432" not in page


def test_a_challenge_may_not_take_the_funnels_address():
    challenge = ChallengeFactory.build(code="funnel", city=ChallengeFactory().city)
    challenge.province = challenge.city.province
    challenge.request = TechRequestFactory(province=challenge.province, city=challenge.city)

    with pytest.raises(ValidationError) as refused:
        challenge.full_clean()

    assert "code" in refused.value.message_dict
