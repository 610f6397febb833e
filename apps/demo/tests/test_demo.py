from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Sum

from apps.agreements.models import Contract
from apps.core.demo import DemoStep
from apps.core.models import Department, Milestone
from apps.core.registry import registry
from apps.core.synthetic import SyntheticStep
from apps.core.tests.test_admin import DOMAIN_APPS
from apps.demo.demo import demo_load, demo_steps
from apps.demo.selectors import cooperating_prefecture_cities, cooperating_provinces
from apps.events.demo import events_per_year
from apps.events.models import ExchangeEvent
from apps.funds.models import CooperationFund, FundGrant
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice, Duty
from apps.projects.models import CooperationProject


def snapshot():
    """Every domain row's values (timestamps aside), table by table."""
    tables = {}
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label.split(".")[1].lower().startswith("historical"):
                continue
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if f.attname not in {"created_at", "updated_at"}
            ]
            tables[model._meta.label] = sorted(model.objects.values_list(*fields), key=repr)
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                tables[through._meta.label] = sorted(
                    through.objects.values_list(
                        *[f.attname for f in through._meta.concrete_fields if not f.primary_key]
                    )
                )
    return tables


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(demo_data):
    first = snapshot()
    demo_load(today=demo_data)
    assert snapshot() == first
    assert len(first["agreements.Contract"]) > 1000


@pytest.mark.django_db
def test_demo_reproduces_the_seeds_figures(demo_data):
    assert cooperating_provinces().count() > 20
    assert cooperating_prefecture_cities().count() > 80
    offices = CooperationOffice.objects.all()
    assert offices.count() == 22
    assert ExchangeEvent.objects.filter(office__in=offices).count() > 500
    through_offices = Contract.objects.filter(office__isnull=False).aggregate(total=Sum("amount"))
    assert through_offices["total"] > Decimal("300000000")
    assert CooperationFund.objects.count() == 6
    full_years = {year: total for year, total in events_per_year().items() if year < demo_data.year}
    assert full_years and min(full_years.values()) > 120


@pytest.mark.django_db
def test_demo_holds_the_seeds_named_facts(demo_data):
    assert set(CooperationFund.objects.values_list("city__name_zh", "province__name_zh")) == {
        (None, "河北省"),
        (None, "云南省"),
        ("鞍山市", "辽宁省"),
        ("无锡市", "江苏省"),
        (None, "广东省"),
        ("铜陵市", "安徽省"),
    }
    suzhou = JointInstitute.objects.get(code="suzhou-automotive")
    assert suzhou.established_on.isoformat() == "2011-07-01"
    assert sorted(suzhou.branches.values_list("city__name_zh", flat=True)) == ["吴江区", "相城区"]
    assert set(
        JointInstitute.objects.filter(is_illustrative=False).values_list("city__name_zh", flat=True)
    ) == {"苏州市", "无锡市", "合肥市", None}
    real_offices = CooperationOffice.objects.filter(is_illustrative=False)
    assert sorted(real_offices.values_list("city__name_zh", flat=True)) == [
        "常州市",
        "无锡市",
        "苏州市",
    ]
    assert all(office.duties.count() == 6 for office in CooperationOffice.objects.all())
    assert Duty.objects.count() == 6
    soil = CooperationProject.objects.get(code="alkaline-soil")
    assert soil.department.name_en == "Department of Thermal Engineering"
    assert set(soil.sites.values_list("province__short_name_zh", flat=True)) == {
        "宁夏",
        "内蒙古",
        "吉林",
        "河北",
        "天津",
    }
    oled = CooperationProject.objects.get(code="oled-kunshan")
    assert list(oled.sites.values_list("city__name_zh", flat=True)) == ["昆山市"]
    years = set(Milestone.objects.values_list("happened_on__year", flat=True))
    assert {1983, 1984, 1997, 2001, 2011, 2012, 2013, 2014} <= years
    assert (
        Department.objects.filter(
            code__in=[
                "enterprise-cooperation",
                "international-tech-transfer",
                "national-tech-transfer",
            ]
        ).count()
        == 3
    )


@pytest.mark.django_db
def test_illustrative_records_are_marked(demo_data):
    assert not Contract.objects.filter(is_illustrative=False).exists()
    assert not ExchangeEvent.objects.filter(is_illustrative=False).exists()
    assert CooperationOffice.objects.filter(is_illustrative=True).count() == 19


@pytest.mark.django_db
def test_demo_records_a_reviewer_cannot_fault(demo_data):
    contracts = Contract.objects.filter(is_illustrative=True).select_related("organization")
    misnamed = [
        c.number
        for c in contracts
        if c.organization.name_zh.removesuffix("有限公司") not in c.title_zh
    ]
    assert misnamed == []
    grants = FundGrant.objects.select_related("project", "fund")
    assert grants.exists()
    early = [
        g.title
        for g in grants
        if g.project and g.project.started_on and g.granted_on < g.project.started_on
    ]
    assert early == []
    # Every loaded record has its first history row, so a first edit can be reverted.
    for model in (Contract, CooperationFund, CooperationProject, ExchangeEvent):
        without = model.objects.exclude(pk__in=model.history.values("id"))
        assert not without.exists(), model.__name__


def test_every_apps_demo_and_synthetic_part_comes_from_the_registry():
    """Each record type brings its demo and synthetic rows through its own declaration: the
    steps are the registry's hooks, each in its own app, in one order without ties."""
    demo = [(t, t.hook("demo")) for t in registry.all() if t.hook("demo") is not None]
    synthetic = [(t, t.hook("synthetic")) for t in registry.all() if t.hook("synthetic")]
    for steps, kind in ((demo, DemoStep), (synthetic, SyntheticStep)):
        assert steps
        assert all(isinstance(step, kind) for _t, step in steps)
        assert len({step.position for _t, step in steps}) == len(steps)
        for record_type, step in steps:
            function = step.load if kind is DemoStep else step.write
            assert function.__module__.split(".")[1] == record_type.label.split(".")[0]
    assert [step for step in demo_steps()] == sorted(
        (step for _t, step in demo), key=lambda step: step.position
    )
    options = {step.option for _t, step in synthetic if step.option}
    assert {"contracts", "projects", "events", "organizations", "funds"} <= options
