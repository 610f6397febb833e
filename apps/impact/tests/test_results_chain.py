"""An agreement's results chain, from signed to delivered, as a reader checks it: each figure
recounted from the records by a query of its own, on the demo data and after a change (money
received, a report verified), in both languages, on the public page, the admin page and the
dossier (HTML and PDF), with no sum of money linked to one agreement on any public copy, and a
number of queries that does not grow with the records behind the chain."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from pypdf import PdfReader

from apps.agreements.models import Contract, ContractStatus, CooperationAgreement, Payment
from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.dossiers import render
from apps.dossiers import selectors as dossier_selectors
from apps.funds.models import FundGrant
from apps.funds.tests.factories import CooperationFundFactory, FundGrantFactory
from apps.impact.choices import MEASURE_FIELDS, Subject, Verification
from apps.impact.models import ImpactRecord
from apps.impact.tests.factories import ImpactRecordFactory
from apps.outcomes import results
from apps.outcomes.tests.factories import AgreementTargetFactory
from apps.projects.models import CooperationProject
from apps.projects.tests.factories import CooperationProjectFactory
from apps.public.tests.fixtures import fresh_cache_and_language  # noqa: F401
from apps.public.tests.sample import clear_caches
from apps.regions.tests.factories import CityFactory

ROW = re.compile(r'data-indicator="(\w+)"(?: data-value="([\d.]+)")?')


def page_figures(html):
    """{indicator: value or None (withheld)} as the page carries them (the first chain on it)."""
    figures = {}
    for key, value in ROW.findall(html):
        figures.setdefault(key, Decimal(value) if value else None)
    return figures


def public_counts_by_hand(agreement):
    """The public chain's figures, each from a query of its own (published rules spelled
    out: public, not a draft; a grant of a public fund; a verified public report)."""
    contracts = Contract.objects.filter(agreement=agreement, is_public=True).exclude(
        status=ContractStatus.DRAFT
    )
    paid = set(
        Payment.objects.filter(contract__in=contracts, received_on__isnull=False).values_list(
            "contract_id", flat=True
        )
    )
    reports = list(
        ImpactRecord.objects.filter(
            agreement=agreement, is_public=True, status=Verification.VERIFIED
        )
    )
    figures = {
        "contracts": contracts.count(),
        "contracts_paid": len(paid),
        "projects": CooperationProject.objects.filter(agreement=agreement, is_public=True).count(),
        "grants": FundGrant.objects.filter(agreement=agreement, fund__is_public=True).count(),
        "records_verified": len(reports),
    }
    for field in MEASURE_FIELDS:
        figures[field] = sum((getattr(r, field) or 0 for r in reports), 0)
    return {key: Decimal(value) for key, value in figures.items()}


def busiest_public_agreement():
    return (
        CooperationAgreement.objects.filter(is_public=True)
        .annotate(
            n=Sum("impact_records__jobs", filter=Q(impact_records__status=Verification.VERIFIED))
        )
        .filter(n__isnull=False, contracts__isnull=False)
        .order_by("-n", "number")
        .distinct()
        .first()
    )


def get_page(client, agreement, language):
    clear_caches()
    prefix = "/en" if language == "en" else ""
    response = client.get(f"{prefix}/agreements/{agreement.number}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_public_chain_recounts_on_demo_data_and_after_changes(demo_data, client):
    agreement = busiest_public_agreement()
    html = get_page(client, agreement, "zh-hans")
    shown = page_figures(html)
    expected = public_counts_by_hand(agreement)

    for key, value in expected.items():
        assert shown[key] == value, key
    assert expected["records_verified"] > 0 and expected["contracts"] > 0
    # Sums of money linked to one agreement are never on the public page, not even rounded.
    for withheld in ("contract_value", "received", "grant_value"):
        assert shown[withheld] is None
    value = Contract.objects.filter(agreement=agreement).aggregate(v=Sum("amount"))["v"]
    assert f"{value / 10000:,.2f}" not in html

    # Money received for a contract that had none: one more contract paid.
    unpaid = (
        Contract.objects.filter(agreement=agreement, is_public=True)
        .exclude(status=ContractStatus.DRAFT)
        .exclude(payments__received_on__isnull=False)
        .first()
    )
    assert unpaid is not None
    PaymentFactory(contract=unpaid, instalment=99, received_on=demo_data)
    # A report submitted and not yet verified counts nowhere public.
    pending = ImpactRecordFactory(
        subject=Subject.AGREEMENT,
        agreement=agreement,
        province=agreement.province,
        city=agreement.city,
        report_year=demo_data.year - 1,
        jobs=1234,
        output_value=None,
        status=Verification.SUBMITTED,
        verified_on=None,
    )
    after_payment = page_figures(get_page(client, agreement, "zh-hans"))
    assert after_payment["contracts_paid"] == expected["contracts_paid"] + 1
    assert after_payment["jobs"] == expected["jobs"]
    assert after_payment == {**shown, **public_counts_by_hand(agreement)}

    # Once verified, it counts.
    ImpactRecord.objects.filter(pk=pending.pk).update(
        status=Verification.VERIFIED, verified_on=demo_data
    )
    after_verifying = page_figures(get_page(client, agreement, "zh-hans"))
    assert after_verifying["jobs"] == expected["jobs"] + 1234
    assert after_verifying["records_verified"] == expected["records_verified"] + 1
    assert after_verifying == {**shown, **public_counts_by_hand(agreement)}


@pytest.mark.django_db
def test_both_languages_show_outputs_then_results(demo_data, client):
    agreement = busiest_public_agreement()
    chinese = get_page(client, agreement, "zh-hans")
    english = get_page(client, agreement, "en")

    assert chinese.index("产出指标") < chinese.index("结果指标")
    assert "到账" in chinese and "办事处" not in chinese
    assert english.index("Output indicators") < english.index("Result indicators")
    assert "Money received" in english
    for html in (chinese, english):
        assert f"{reverse('public:definitions')}#results-chain".split("/", 2)[-1] in html
        assert page_figures(html) == page_figures(chinese)


@pytest.mark.django_db
def test_staff_see_the_sums_on_the_agreement_admin_page(demo_data, staff_client):
    agreement = busiest_public_agreement()
    html = staff_client.get(
        reverse("admin:agreements_cooperationagreement_change", args=[agreement.pk])
    ).content.decode()
    shown = page_figures(html)
    counted = Contract.objects.filter(agreement=agreement).exclude(status=ContractStatus.DRAFT)
    assert shown["contracts"] == counted.count()
    assert shown["contract_value"] == counted.aggregate(v=Sum("amount"))["v"]
    received = Payment.objects.filter(contract__in=counted, received_on__isnull=False)
    assert shown["received"] == received.aggregate(v=Sum("amount"))["v"]


@pytest.mark.django_db
def test_the_dossier_carries_the_chain_in_html_and_pdf(demo_data, client):
    agreement = busiest_public_agreement()
    region = agreement.province
    with translation.override("en"):
        clear_caches()
        data = dossier_selectors.dossier_data(region, staff=False)
        html = render.dossier_html(data)
        pdf = render.dossier_pdf(data)
    row = next(a for a in data["agreements"] if a["number"] == agreement.number)
    chain_figures = {
        i["key"]: i["value"]
        for stage in row["chain"]["outputs"] + row["chain"]["results"]
        for i in stage["indicators"]
    }
    for key, value in public_counts_by_hand(agreement).items():
        assert Decimal(str(chain_figures[key])) == value, key
    assert chain_figures["contract_value"] is None and chain_figures["received"] is None
    assert html.count("data-chain") == len(data["agreements"])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Output indicators" in text and "Result indicators" in text
    assert "Results in the region" in text
    # The page a visitor opens from the region's page carries it too, in Chinese by default.
    clear_caches()
    page = client.get(f"/regions/{region.code}/dossier/").content.decode()
    assert page.count("data-chain") == len(data["agreements"])
    assert "产出指标" in page and "结果指标" in page
    its_chain = page.split(f'id="{slugify(agreement.number)}-outputs"', 1)[1]
    assert page_figures(its_chain)["contracts"] == Decimal(str(chain_figures["contracts"]))


def build_agreement(rows):
    """An agreement with ``rows`` contracts (each paid), projects, grants and verified
    reports, and targets on a result and an output metric."""
    city = CityFactory()
    agreement = CooperationAgreementFactory(province=city.province, city=city, organization=None)
    fund = CooperationFundFactory(city=city)
    for n in range(rows):
        contract = ContractFactory(agreement=agreement, province=city.province, city=city)
        PaymentFactory(contract=contract)
        CooperationProjectFactory(agreement=agreement)
        FundGrantFactory(fund=fund, agreement=agreement)
        ImpactRecordFactory(
            subject=Subject.AGREEMENT, agreement=agreement, city=city, report_year=2015 + n % 5
        )
    AgreementTargetFactory(agreement=agreement, metric="jobs", quantity=100, baseline=20)
    AgreementTargetFactory(agreement=agreement, metric="contracts", quantity=10)
    return agreement


def queries(callable_):
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_records_behind_the_chain(
    client, staff_client, django_assert_max_num_queries
):
    one, many = build_agreement(1), build_agreement(25)
    public_page = lambda a: client.get(f"/agreements/{a.number}/")  # noqa: E731
    admin_page = lambda a: staff_client.get(  # noqa: E731
        reverse("admin:agreements_cooperationagreement_change", args=[a.pk])
    )
    for page in (public_page, admin_page):
        baseline = queries(lambda p=page: p(one))
        clear_caches()
        with django_assert_max_num_queries(baseline):
            assert page(many).status_code == 200
    # The chain itself: one query per link and one for the targets, for any number of
    # agreements.
    links = len(results.chain_links())
    with django_assert_max_num_queries(links + 1):
        chains = results.agreement_chains([one, many], public=False)
    jobs = next(
        i for s in chains[many.pk]["results"] for i in s["indicators"] if i["key"] == "jobs"
    )
    assert jobs["value"] == 25 * 40
    assert jobs["target"]["baseline"] == 20 and jobs["target"]["quantity"] == 100
    contracts = next(
        i for s in chains[many.pk]["outputs"] for i in s["indicators"] if i["key"] == "contracts"
    )
    assert contracts["value"] == 25
    assert contracts["target"]["quantity"] == 10


@pytest.mark.django_db
def test_a_report_kept_internal_counts_for_staff_only(client):
    agreement = build_agreement(1)
    ImpactRecordFactory(
        subject=Subject.AGREEMENT,
        agreement=agreement,
        city=agreement.city,
        report_year=2016,
        year_end=datetime.date(2016, 12, 31),
        jobs=7,
        output_value=None,
        is_public=False,
    )
    public = results.agreement_chain(agreement, public=True)
    staff = results.agreement_chain(agreement, public=False)
    jobs = {
        name: next(i for s in chain["results"] for i in s["indicators"] if i["key"] == "jobs")
        for name, chain in (("public", public), ("staff", staff))
    }
    # A report kept internal counts for staff only.
    assert jobs["public"]["value"] == 40 and jobs["staff"]["value"] == 47
