"""The demo's agreements live by their dates (issue 21): every record serves an agreement in
force on its date, none reads in force past its end, provincial agreements have a term or an
open term with a review date, and some were renewed."""

import pytest
from django.db.models import F, Q

from apps.agreements.lifecycle import BEGINS
from apps.agreements.models import AgreementStatus, Contract, CooperationAgreement
from apps.events.models import ExchangeEvent
from apps.funds.models import FundGrant

pytestmark = pytest.mark.django_db

LINKED = ((Contract, "signed_on"), (ExchangeEvent, "start_on"), (FundGrant, "granted_on"))


@pytest.mark.parametrize(("model", "date"), LINKED)
def test_no_demo_record_serves_an_agreement_not_in_force_on_its_date(demo_data, model, date):
    linked = model.objects.filter(agreement__isnull=False)
    assert linked.exists()
    # Every linked record, tested against its agreement's status on the record's own date.
    wrong = [
        (record.pk, record.agreement.number, getattr(record, date))
        for record in linked.select_related("agreement")
        if not record.agreement.is_in_force_on(getattr(record, date))
    ]
    assert wrong == []
    # The plainest cases, in SQL: signed after the record, or ended before it.
    assert not linked.filter(
        Q(agreement__signed_on__gt=F(date)) | Q(agreement__end_on__lt=F(date))
    ).exists()


def test_no_demo_agreement_reads_in_force_past_its_end(demo_data):
    agreements = CooperationAgreement.objects.with_status(demo_data)
    assert not agreements.filter(status=AgreementStatus.ACTIVE, end_on__lt=demo_data).exists()
    statuses = set(agreements.values_list("status", flat=True))
    assert {
        AgreementStatus.ACTIVE,
        AgreementStatus.EXPIRED,
        AgreementStatus.RENEWED,
        AgreementStatus.TERMINATED,
    } <= statuses


def test_demo_provincial_agreements_have_terms_or_reviews_and_renewals(demo_data):
    provincial = CooperationAgreement.objects.filter(city__isnull=True, province__isnull=False)
    assert provincial.exists()
    assert not provincial.filter(end_on__isnull=True, review_on__isnull=True).exists()
    assert provincial.filter(open_term=True, review_on__gt=demo_data).exists()
    renewals = provincial.filter(renews__isnull=False)
    assert renewals.exists()
    # A renewal begins the day after the term it renews ends, and is signed before that.
    for renewal in renewals.select_related("renews"):
        assert renewal.signed_on > renewal.renews.signed_on
        assert renewal.begins_on > renewal.renews.end_on
    assert (
        CooperationAgreement.objects.with_status(demo_data)
        .filter(status=AgreementStatus.RENEWED, renewals__isnull=False)
        .exists()
    )
    assert (
        CooperationAgreement.objects.annotate(begins=BEGINS).filter(begins__gt=F("end_on")).count()
        == 0
    )
