import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Count, Q, Sum

from apps.agreements.models import Contract, CooperationAgreement
from apps.core.demo import DemoStep
from apps.core.models import Department, Milestone
from apps.core.registry import registry
from apps.core.scope import cities_containing
from apps.core.synthetic import SyntheticStep
from apps.core.tests.test_admin import DOMAIN_APPS
from apps.demo.demo import demo_load, demo_steps
from apps.demo.selectors import cooperating_prefecture_cities, cooperating_provinces
from apps.events.demo import events_per_year
from apps.events.models import ExchangeEvent
from apps.funds.models import CooperationFund, FundGrant
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice, Duty
from apps.partners.models import Organization
from apps.projects.models import CooperationProject
from apps.regions.models import City, CityLevel


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
    named_offices = CooperationOffice.objects.filter(
        city__name_zh__in=["苏州市", "无锡市", "常州市"]
    )
    assert named_offices.count() == 3
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
    # The seed names no office's opening date, nor any fund's size or date: made-up values
    # mark their records illustrative, the seed's named offices and funds included.
    assert CooperationOffice.objects.filter(is_illustrative=True).count() == 22
    assert CooperationFund.objects.filter(is_illustrative=True).count() == 6
    assert all("示意" in title for title in FundGrant.objects.values_list("title", flat=True))
    # Nor does it date its projects: they carry no made-up start.
    seed_projects = CooperationProject.objects.filter(is_illustrative=False)
    assert seed_projects.count() == 7
    assert not seed_projects.filter(started_on__isnull=False).exists()


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


# The demo's coherence: what a reader of the seed checks in the loaded records.

SEED_1990S = {"110000", "130000", "320000", "330000", "440000", "370000"}
END_2015 = datetime.date(2015, 12, 31)

# Topic keywords of a title → the schools whose work it is (department codes). Written from the
# seed's departments, independently of the loader's own table.
TOPIC_SCHOOLS = {
    "机床": {"mechanical"},
    "机器人": {"mechanical"},
    "锻压": {"mechanical"},
    "成形": {"mechanical"},
    "排产": {"industrial"},
    "物流": {"industrial"},
    "合金": {"materials"},
    "复合材料": {"materials"},
    "电池": {"materials", "chemistry", "automotive"},
    "废水": {"environment"},
    "污染": {"environment"},
    "固体废物": {"environment"},
    "芯片": {"electronic"},
    "传感器": {"electronic"},
    "通信": {"electronic"},
    "软件": {"computer"},
    "大数据": {"computer"},
    "汽车": {"automotive"},
    "微型车": {"automotive"},
    "锅炉": {"thermal"},
    "余热": {"thermal"},
    "碱化土壤": {"thermal"},
    "电网": {"electrical"},
    "电机": {"electrical"},
    "催化": {"chemistry"},
    "药物": {"chemistry"},
    "药品": {"chemistry"},
    "有机发光": {"chemistry"},
    "战略": {"economics-management"},
    "商务区": {"economics-management"},
    "结构安全": {"civil"},
}


def unfitting(rows):
    """(title, department) pairs whose title names no topic of the department."""
    wrong = []
    for title, department in rows:
        schools = [codes for word, codes in TOPIC_SCHOOLS.items() if word in title]
        if not any(department in codes for codes in schools):
            wrong.append((title, department))
    return wrong


def in_force(agreement, on):
    return agreement.signed_on <= on and (agreement.end_on is None or on <= agreement.end_on)


@pytest.mark.django_db
def test_departments_fit_their_topics(demo_data):
    contracts = Contract.objects.select_related("organization", "department")
    # The topic is what follows the partner's name (its industry is the partner's, not the
    # topic).
    topics = [
        (
            c.title_zh.removeprefix(c.organization.name_zh.removesuffix("有限公司")),
            c.department.code,
        )
        for c in contracts
    ]
    assert len(topics) > 1000
    assert unfitting(topics) == []
    projects = CooperationProject.objects.select_related("department").prefetch_related(
        "sites__city"
    )
    titles = []
    for project in projects:
        title = project.title_zh
        for site in project.sites.all():
            if site.city:
                title = title.removeprefix(site.city.name_zh)
        titles.append((title, project.department.code))
    assert unfitting(titles) == []


@pytest.mark.django_db
def test_grants_lie_in_their_funds_region_by_their_projects_school(demo_data):
    grants = FundGrant.objects.select_related("fund", "project", "agreement")
    assert grants.count() == 18
    for grant in grants:
        sites = grant.project.sites.all()
        if grant.fund.city_id:
            assert sites.filter(city=grant.fund.city_id).exists(), grant.title
        else:
            assert sites.filter(province=grant.fund.province_id).exists(), grant.title
        assert grant.department_id == grant.project.department_id, grant.title
        assert grant.granted_on >= grant.fund.established_on
        if grant.agreement:
            assert grant.agreement.province_id == grant.fund.province_id
            assert in_force(grant.agreement, grant.granted_on), grant.title


@pytest.mark.django_db
def test_records_serve_only_an_agreement_of_their_region_in_force(demo_data):
    contracts = Contract.objects.filter(agreement__isnull=False).select_related("agreement", "city")
    events = ExchangeEvent.objects.filter(agreement__isnull=False).select_related(
        "agreement", "city"
    )
    assert contracts.count() > 1000 and events.count() > 1000
    for record, on in [(c, c.signed_on) for c in contracts] + [(e, e.start_on) for e in events]:
        agreement = record.agreement
        assert agreement.province_id == record.province_id, record.pk
        # The record's city, or the city its district belongs to.
        assert agreement.city_id in (None, record.city_id, record.city.parent_id), record.pk
        assert in_force(agreement, on), (record.pk, on)


@pytest.mark.django_db
def test_the_1990s_are_in_the_seeds_six_provinces_and_the_2000s_go_west(demo_data):
    early = Contract.objects.filter(signed_on__year__lt=2000)
    assert early.count() > 100
    in_six = early.filter(province__code__in=SEED_1990S).count()
    assert in_six >= 0.8 * early.count()
    western = {"500000", "510000", "520000", "530000", "610000", "640000", "650000", "150000"}
    north_east = {"210000", "220000", "230000"}
    for region in (western, north_east):
        before = early.filter(province__code__in=region).count() / early.count()
        later = Contract.objects.filter(signed_on__year__gte=2008, province__code__in=region)
        share = later.count() / Contract.objects.filter(signed_on__year__gte=2008).count()
        assert share > before + 0.05


@pytest.mark.django_db
def test_by_the_end_of_2015_more_than_20_provinces_and_80_cities(demo_data):
    dated = [
        Contract.objects.filter(signed_on__lte=END_2015),
        CooperationAgreement.objects.filter(signed_on__lte=END_2015),
        ExchangeEvent.objects.filter(start_on__lte=END_2015),
    ]
    provinces = set()
    cities = Q(pk__in=[])
    for records in dated:
        provinces |= set(records.values_list("province_id", flat=True))
        cities |= cities_containing(records, "city")
    assert len(provinces - {None}) > 20
    assert City.objects.filter(cities, level=CityLevel.PREFECTURE).count() > 80


@pytest.mark.django_db
def test_shanghai_is_there_and_beijing_is_the_home_city(demo_data):
    total = Contract.objects.count()
    assert Contract.objects.filter(province__code="310000").count() > 20
    assert CooperationAgreement.objects.filter(province__code="310000").exists()
    beijing = Contract.objects.filter(province__code="110000").count()
    assert 0.08 * total <= beijing <= 0.3 * total
    # The home city is among the three provinces with the most contracts.
    per_province = sorted(
        Contract.objects.values("province").annotate(n=Count("pk")).values_list("n", flat=True),
        reverse=True,
    )
    assert beijing >= per_province[2]


@pytest.mark.django_db
def test_the_seeds_end_2015_figures_hold_at_the_end_of_2015(demo_data):
    assert CooperationFund.objects.filter(established_on__lte=END_2015).count() == 6
    assert CooperationOffice.objects.filter(opened_on__lte=END_2015).count() == 22
    office_events = ExchangeEvent.objects.filter(office__isnull=False, start_on__lte=END_2015)
    assert office_events.count() > 500
    value = Contract.objects.filter(office__isnull=False, signed_on__lte=END_2015).aggregate(
        total=Sum("amount")
    )["total"]
    assert value > Decimal("300000000")
    local = JointInstitute.objects.filter(kind="local_government", established_on__lte=END_2015)
    assert local.count() == 4
    assert set(events_per_year()) >= set(range(2011, 2016))
    assert min(n for year, n in events_per_year().items() if 2011 <= year <= 2015) > 120


@pytest.mark.django_db
def test_the_current_year_is_filled_up_to_today(demo_data):
    today = demo_data
    assert not Contract.objects.filter(signed_on__gt=today).exists()
    assert not ExchangeEvent.objects.filter(start_on__gt=today).exists()
    share = (today.timetuple().tm_yday) / 365
    for model, field in ((Contract, "signed_on"), (ExchangeEvent, "start_on")):
        per_year = dict(
            model.objects.values_list(f"{field}__year").annotate(n=Count("pk")).order_by()
        )
        before = sum(per_year[today.year - k] for k in (1, 2, 3)) / 3
        assert 0.75 * before * share <= per_year[today.year] <= 1.25 * before * share, model


@pytest.mark.django_db
def test_names_are_plausible_and_varied(demo_data):
    investigators = Contract.objects.values_list("principal_investigator", flat=True)
    names = set(investigators)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) for name in names), names
    assert len(names) > 150
    # Each investigator works in one school.
    schools = Contract.objects.values("principal_investigator").annotate(
        n=Count("department", distinct=True)
    )
    assert not schools.filter(n__gt=1).exists()
    enterprises = Organization.objects.filter(
        is_illustrative=True, kind="enterprise"
    ).select_related("city")
    # A brand is the two characters after the city's name (without 市, 新区 or 区).
    brands = Counter(
        e.name_zh.removeprefix(
            e.city.name_zh.removesuffix("市").removesuffix("新区").removesuffix("区")
        )[:2]
        for e in enterprises
    )
    assert enterprises.count() > 200
    assert brands.most_common(1)[0][1] <= 0.03 * enterprises.count()
    assert len(brands) >= enterprises.count() / 2
    duplicated = (
        ExchangeEvent.objects.values("title_zh", "start_on", "city")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicated.exists()
    assert (
        ExchangeEvent.objects.values("title_zh").distinct().count() == ExchangeEvent.objects.count()
    )
