"""The behind-target list and the agreement's admin page on the demo data."""

import pytest
from django.urls import reverse

from apps.agreements.models import Contract, ContractStatus, CooperationAgreement
from apps.events.models import EventKind, ExchangeEvent
from apps.outcomes.choices import Progress, TargetMetric
from apps.outcomes.models import AgreementTarget
from apps.outcomes.querysets import BEHIND_BELOW


def outcomes_by_hand(target, on):
    """The target's outcome added up in Python from the linked records."""
    end = min(target.period_end, on)
    if target.metric in (TargetMetric.CONTRACTS, TargetMetric.CONTRACT_VALUE):
        rows = Contract.objects.filter(agreement=target.agreement_id).exclude(
            status=ContractStatus.DRAFT
        )
        dated = [(c.signed_on, c.amount) for c in rows]
        measure = (lambda a: 1) if target.metric == TargetMetric.CONTRACTS else (lambda a: a)
    else:
        rows = ExchangeEvent.objects.filter(agreement=target.agreement_id)
        if target.metric == TargetMetric.PEOPLE_TRAINED:
            rows = rows.filter(kind=EventKind.TRAINING)
        dated = [(e.start_on, e.participants or 0) for e in rows]
        measure = (lambda p: 1) if target.metric == TargetMetric.EVENTS else (lambda p: p)
    return sum(measure(value) for day, value in dated if target.period_start <= day <= end)


def expected_by_hand(target, on):
    days = (target.period_end - target.period_start).days + 1
    gone = (on - target.period_start).days + 1
    return float(target.quantity) * min(1, max(0, gone / days))


@pytest.mark.django_db
def test_behind_target_list_on_demo_data(demo_data, staff_client, django_assert_max_num_queries):
    on = demo_data
    targets = list(AgreementTarget.objects.select_related("agreement"))
    assert targets and all(target.is_illustrative for target in targets)
    behind_by_hand = {
        target.pk
        for target in targets
        # Only a running period can be behind; an ended one is met or missed history.
        if target.period_start <= on <= target.period_end
        and outcomes_by_hand(target, on) < float(target.quantity)
        and outcomes_by_hand(target, on) < expected_by_hand(target, on) * BEHIND_BELOW
    }
    assert behind_by_hand
    assert set(AgreementTarget.objects.behind(on=on).values_list("pk", flat=True)) == behind_by_hand

    # The province-wide agreements come out ahead of, on and behind target in turn.
    current = AgreementTarget.objects.filter(
        agreement__number__startswith="DEMO-AGR-P", metric=TargetMetric.CONTRACTS
    ).with_progress(on=on)
    assert {Progress.AHEAD, Progress.ON_TRACK, Progress.BEHIND} <= {t.progress for t in current}

    url = reverse("admin:outcomes_agreementtarget_changelist")
    with django_assert_max_num_queries(12):
        page = staff_client.get(url, {"progress": Progress.BEHIND, "all": ""})
    assert page.status_code == 200
    listed = {target.pk for target in page.context["cl"].result_list}
    today_behind = set(AgreementTarget.objects.behind().values_list("pk", flat=True))
    assert listed == today_behind
    agreements_page = staff_client.get(
        reverse("admin:agreements_cooperationagreement_changelist"), {"targets": "behind"}
    )
    behind_agreements = set(
        AgreementTarget.objects.behind().values_list("agreement__number", flat=True)
    )
    assert {a.number for a in agreements_page.context["cl"].result_list} == behind_agreements


@pytest.mark.django_db
def test_agreement_admin_page_shows_its_progress(demo_data, staff_client):
    agreement = CooperationAgreement.objects.get(number="DEMO-AGR-P32")
    page = staff_client.get(
        reverse("admin:agreements_cooperationagreement_change", args=[agreement.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    for target in AgreementTarget.objects.filter(agreement=agreement).with_progress():
        assert f'data-metric="{target.metric}" data-progress="{target.progress}"' in html
    assert "合同" in html  # the admin speaks Chinese by default
