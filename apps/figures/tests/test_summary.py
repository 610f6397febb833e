"""The summary tables equal a recount from the records after every kind of write."""

import datetime
from decimal import Decimal

import pytest
import tablib
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from apps.agreements.models import Contract, CooperationAgreement
from apps.agreements.resources import ContractResource
from apps.agreements.tests.factories import ContractFactory
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory
from apps.figures.models import Build, FigureCell, Grain, Level, PendingChange
from apps.figures.summary import current_build
from apps.funds.models import CooperationFund
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice
from apps.projects.models import CooperationProject, ProjectSite
from apps.projects.tests.factories import ProjectSiteFactory

pytestmark = pytest.mark.django_db

PLACE = Coalesce("city__parent_id", "city_id")


def _recount_rows(queryset, key, **measures):
    return queryset.order_by().values(*key).annotate(**measures)


def recount():
    """Every region's totals counted from the records, without apps.figures' help: the
    publication rule written out (public, contracts not drafts), a city with its districts."""
    contracts = Contract.objects.filter(is_public=True).exclude(status="draft")
    sources = {
        "contracts": (contracts, {"count": Count("pk"), "amount": Sum("amount")}),
        "events": (
            ExchangeEvent.objects.filter(is_public=True),
            {"count": Count("pk"), "extra": Sum("participants")},
        ),
        "funds": (
            CooperationFund.objects.filter(is_public=True),
            {"count": Count("pk"), "amount": Sum("committed_amount")},
        ),
        "institutes": (JointInstitute.objects.filter(is_public=True), {"count": Count("pk")}),
        "offices": (
            CooperationOffice.objects.filter(is_public=True),
            {"count": Count("pk"), "extra": Count("pk", filter=Q(closed_on__isnull=True))},
        ),
    }
    counted = {}

    def put(source, level, province, city, row):
        counted[(source, level, province, city)] = (
            row["count"],
            Decimal(row.get("amount") or 0),
            row.get("extra") or 0,
        )

    for name, (records, measures) in sources.items():
        put(name, Level.NATIONAL, None, None, records.aggregate(**measures))
        for row in _recount_rows(records, ["province_id"], **measures):
            put(name, Level.PROVINCE, row["province_id"], None, row)
        for row in _recount_rows(
            records.filter(city__isnull=False).annotate(place=PLACE),
            ["province_id", "place"],
            **measures,
        ):
            put(name, Level.PLACE, row["province_id"], row["place"], row)
    sites = ProjectSite.objects.filter(project__is_public=True)
    projects = {"count": Count("project_id", distinct=True)}
    put(
        "projects",
        Level.NATIONAL,
        None,
        None,
        {"count": CooperationProject.objects.filter(is_public=True).count()},
    )
    for row in _recount_rows(sites, ["province_id"], **projects):
        put("projects", Level.PROVINCE, row["province_id"], None, row)
    for row in _recount_rows(
        sites.filter(city__isnull=False).annotate(place=PLACE), ["province_id", "place"], **projects
    ):
        put("projects", Level.PLACE, row["province_id"], row["place"], row)
    return {key: value for key, value in counted.items() if value[0]}


def summary_totals():
    current_build()
    return {
        (row.source, row.level, row.province_id, row.city_id): (row.count, row.amount, row.extra)
        for row in FigureCell.objects.filter(grain=Grain.TOTAL).exclude(source="agreements")
        if row.count
    }


def assert_summary_is_a_recount():
    assert summary_totals() == recount()


def import_contracts(rows):
    dataset = tablib.Dataset(
        headers=[
            "number",
            "title_zh",
            "kind",
            "status",
            "department",
            "principal_investigator",
            "organization",
            "province",
            "city",
            "signed_on",
            "amount",
            "is_public",
        ]
    )
    for row in rows:
        dataset.append(row)
    result = ContractResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_validation_errors()


def test_summary_equals_a_recount_after_every_kind_of_write(sample):
    assert_summary_is_a_recount()

    created = ContractFactory(
        organization=sample.soil_project.partners.get(), amount=Decimal("31415.92")
    )
    assert_summary_is_a_recount()

    created.amount = Decimal("27182.81")
    created.city = sample.yinchuan
    created.save()
    assert_summary_is_a_recount()

    # QuerySet.update() sends no signal: the database trigger still notes it.
    Contract.objects.filter(number__startswith="CT-JS-").update(city=sample.wujiang)
    assert_summary_is_a_recount()
    ExchangeEvent.objects.update(participants=7)
    assert_summary_is_a_recount()

    created.delete()
    ProjectSite.objects.filter(project=sample.oled_project).delete()
    assert_summary_is_a_recount()

    ProjectSiteFactory(project=sample.soil_project, province=sample.jiangsu, city=sample.suzhou)
    ExchangeEventFactory.create_batch(3, province=sample.ningxia, city=sample.yinchuan)
    assert_summary_is_a_recount()


def test_summary_equals_a_recount_after_an_import(sample):
    current_build()
    partner = sample.soil_project.partners.get()
    import_contracts(
        [
            (
                f"IMP-{n}",
                f"导入合同{n}",
                "development",
                "signed",
                sample.thermal.code,
                "王教授",
                partner.name_zh,
                sample.ningxia.code,
                sample.yinchuan.code,
                datetime.date(2020, 5, n + 1),
                "1000.00",
                "1",
            )
            for n in range(3)
        ]
    )
    assert Contract.objects.filter(number__startswith="IMP-").count() == 3
    assert_summary_is_a_recount()


def test_a_transaction_is_noted_once_however_many_rows_it_writes(sample):
    current_build()
    before = Build.objects.get().pk
    for number in range(5):
        ContractFactory(number=f"MANY-{number}", organization=sample.soil_project.partners.get())
    Contract.objects.filter(number__startswith="MANY-").update(amount=Decimal("10.00"))

    assert PendingChange.objects.count() == 1
    assert current_build() == before + 1
    assert not PendingChange.objects.exists()
    assert current_build() == before + 1  # nothing changed since: no second rebuild


def test_summary_rows_do_not_grow_with_the_records(sample, django_assert_max_num_queries):
    def more(count):
        ContractFactory.create_batch(
            count,
            organization=sample.soil_project.partners.get(),
            signed_on=datetime.date(2021, 6, 1),
            kind="transfer",
        )
        current_build()
        return FigureCell.objects.count()

    assert more(3) == more(40)
    with django_assert_max_num_queries(1):
        current_build()


def test_the_demonstration_notice_follows_the_illustrative_records(
    sample, client, django_capture_on_commit_callbacks
):
    """Kept with the build: the pages say "illustrative" while any counted record is, and stop
    once none is (a record that is not published does not count)."""
    notice = 'class="demo-notice"'
    with django_capture_on_commit_callbacks(execute=True):
        for model in (
            Contract,
            CooperationAgreement,
            ExchangeEvent,
            CooperationFund,
            JointInstitute,
            CooperationOffice,
            CooperationProject,
        ):
            model.objects.update(is_illustrative=False)
    assert not Build.objects.get(pk=current_build()).illustrative
    assert notice not in client.get("/").content.decode()

    hidden = ExchangeEvent.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeEvent.objects.filter(pk=hidden.pk).update(is_illustrative=True, is_public=False)
    assert not Build.objects.get(pk=current_build()).illustrative
    assert notice not in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        ExchangeEvent.objects.filter(pk=hidden.pk).update(is_public=True)
    assert Build.objects.get(pk=current_build()).illustrative
    for path in ("/", "/projects/", "/en/"):
        assert notice in client.get(path).content.decode(), path
