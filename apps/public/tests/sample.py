"""A small, hand-made data set whose every figure is known, shared by the public-site tests."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone

from apps.agreements.models import ContractKind, ContractStatus
from apps.agreements.tests.factories import ContractFactory, CooperationAgreementFactory
from apps.core.models import Milestone
from apps.core.pagecache import forget_local
from apps.core.tests.factories import DepartmentFactory
from apps.events.models import EventKind
from apps.events.tests.factories import ExchangeEventFactory
from apps.funds.models import CooperationFund
from apps.institutes.models import Branch, InstituteKind, JointInstitute
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.partners.models import OrganizationKind
from apps.partners.tests.factories import OrganizationFactory
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory
from apps.regions.models import CityLevel, MacroRegion, ProvinceKind
from apps.regions.tests.factories import CityFactory, ProvinceFactory

# Amounts chosen to be recognisable in a page's HTML if one ever leaked.
JIANGSU_AMOUNTS = [
    Decimal("1234567.89"),
    Decimal("2345678.91"),
    Decimal("3456789.12"),
    Decimal("4567891.23"),
]
NINGXIA_AMOUNT = Decimal("7654321.98")
SECRET_AMOUNT = Decimal("9876543.21")


@dataclass
class Sample:
    jiangsu: object
    ningxia: object
    beijing: object
    suzhou: object
    wujiang: object
    yinchuan: object
    thermal: object
    soil_project: object
    oled_project: object
    secret_project: object
    institute: object
    fund: object
    office: object
    today: datetime.date


def clear_caches():
    """Empty the shared cache and this process's page tier, as after a restart."""
    cache.clear()
    forget_local()


def province(code, name_zh, short, name_en, lat, lon, kind=ProvinceKind.PROVINCE):
    return ProvinceFactory(
        code=code,
        name_zh=name_zh,
        short_name_zh=short,
        name_en=name_en,
        kind=kind,
        macro_region=MacroRegion.EAST,
        latitude=lat,
        longitude=lon,
    )


def build_sample():
    today = timezone.localdate()
    jiangsu = province("320000", "江苏省", "江苏", "Jiangsu", 32.06, 118.76)
    ningxia = province("640000", "宁夏回族自治区", "宁夏", "Ningxia", 38.47, 106.26)
    beijing = province(
        "110000", "北京市", "北京", "Beijing", 39.9, 116.4, ProvinceKind.MUNICIPALITY
    )
    suzhou = CityFactory(
        code="320500",
        province=jiangsu,
        name_zh="苏州市",
        name_en="Suzhou",
        latitude=31.3,
        longitude=120.6,
    )
    wujiang = CityFactory(
        code="320509",
        province=jiangsu,
        parent=suzhou,
        level=CityLevel.COUNTY,
        name_zh="吴江区",
        name_en="Wujiang District",
    )
    yinchuan = CityFactory(
        code="640100",
        province=ningxia,
        name_zh="银川市",
        name_en="Yinchuan",
        latitude=38.5,
        longitude=106.2,
    )
    thermal = DepartmentFactory(
        code="thermal", name_zh="热能工程系", name_en="Department of Thermal Engineering"
    )
    chemistry = DepartmentFactory(code="chem", name_zh="化学系", name_en="Department of Chemistry")
    suzhou_government = OrganizationFactory(
        name_zh="苏州市人民政府",
        name_en="Suzhou Municipal People's Government",
        kind=OrganizationKind.GOVERNMENT,
        province=jiangsu,
        city=suzhou,
    )
    enterprise = OrganizationFactory(
        name_zh="宁夏绿洲农业科技有限公司",
        name_en="Ningxia Oasis Agritech",
        province=ningxia,
        city=yinchuan,
    )
    CooperationAgreementFactory(
        number="AGR-JS-1",
        title_zh="江苏省与清华大学全面合作协议",
        title_en="Comprehensive agreement with Jiangsu",
        organization=suzhou_government,
    )
    soil = CooperationProjectFactory(
        code="soil",
        title_zh="脱硫废弃物改良盐碱土壤",
        title_en="Improvement of alkaline soil by desulfurized coal waste",
        technology_zh="燃煤烟气脱硫石膏改良盐碱地",
        technology_en="Saline-alkali soil improvement with flue-gas desulfurization gypsum",
        summary_zh="热能工程系的成果已在宁夏、内蒙古、吉林等地商业化运行。",
        summary_en="Commercially operated in Ningxia, Inner Mongolia and Jilin.",
        department=thermal,
        started_on=datetime.date(2008, 5, 1),
    )
    ProjectSiteFactory(project=soil, city=yinchuan, province=ningxia)
    soil.partners.add(enterprise)
    oled = CooperationProjectFactory(
        code="oled",
        title_zh="有机发光显示（OLED）量产线",
        title_en="Mass production line of organic light-emitting displays (OLED)",
        technology_zh="有机发光显示",
        technology_en="Organic light-emitting display",
        department=chemistry,
        started_on=datetime.date(2008, 10, 1),
    )
    ProjectSiteFactory(project=oled, city=wujiang, province=jiangsu)
    secret = CooperationProjectFactory(
        code="secret",
        title_zh="保密盐碱项目",
        title_en="Confidential alkaline project",
        department=thermal,
        is_public=False,
    )
    ProjectSiteFactory(project=secret, city=yinchuan, province=ningxia)
    institute = JointInstitute.objects.create(
        code="suzhou-auto",
        name_zh="清华大学苏州汽车研究院",
        name_en="Tsinghua University Suzhou Automotive Research Institute",
        kind=InstituteKind.LOCAL_GOVERNMENT,
        province=jiangsu,
        city=suzhou,
        partner=suzhou_government,
        established_on=datetime.date(2011, 7, 1),
        focus_zh="汽车整车与零部件关键技术研发。",
        focus_en="R&D of key technologies of whole vehicles and parts.",
    )
    Branch.objects.create(
        institute=institute, name_zh="吴江分院", name_en="Wujiang branch", city=wujiang
    )
    fund = CooperationFund.objects.create(
        code="jiangsu-fund",
        name_zh="清华大学—江苏省科技合作基金",
        name_en="Tsinghua–Jiangsu S&T Cooperation Fund",
        province=jiangsu,
        established_on=datetime.date(2010, 1, 1),
        committed_amount=Decimal("50000000.00"),
    )
    office = CooperationOfficeFactory(
        code="suzhou-office",
        name_zh="清华大学苏州产学研合作办公室",
        name_en="Tsinghua University Suzhou Office for Cooperation",
        city=suzhou,
        province=jiangsu,
        address="苏州工业园区星湖街328号",
        contact_name="张秘书",
        contact_phone="0512-12345678",
        contact_email="zhang.private@example.cn",
    )
    for number, amount in enumerate(JIANGSU_AMOUNTS):
        ContractFactory(
            number=f"CT-JS-{number}",
            organization=suzhou_government,
            department=thermal,
            office=office if number < 2 else None,
            amount=amount,
            kind=ContractKind.DEVELOPMENT if number % 2 else ContractKind.SERVICE,
            status=ContractStatus.COMPLETED,
            signed_on=datetime.date(2014 + number, 3, 1),
        )
    ContractFactory(number="CT-NX-1", organization=enterprise, amount=NINGXIA_AMOUNT)
    ContractFactory(
        number="CT-SECRET", organization=enterprise, amount=SECRET_AMOUNT, is_public=False
    )
    ContractFactory(
        number="CT-DRAFT",
        organization=enterprise,
        amount=Decimal("1.00"),
        status=ContractStatus.DRAFT,
    )
    ExchangeEventFactory(
        code="fair-this-year",
        title_zh="苏州科技成果对接会",
        title_en="Suzhou technology fair",
        kind=EventKind.FAIR,
        city=suzhou,
        province=jiangsu,
        start_on=today.replace(month=1, day=15),
    )
    ExchangeEventFactory(
        code="training-last-year",
        title_zh="银川企业家培训班",
        title_en="Yinchuan entrepreneurs' training",
        kind=EventKind.TRAINING,
        city=yinchuan,
        province=ningxia,
        start_on=today.replace(year=today.year - 1, month=6, day=1),
    )
    ExchangeEventFactory(
        code="forum-next",
        title_zh="产学研合作论坛",
        title_en="Industry–university forum",
        kind=EventKind.FORUM,
        city=suzhou,
        province=jiangsu,
        start_on=today + datetime.timedelta(days=30),
    )
    ExchangeEventFactory(
        code="hidden-event", city=suzhou, province=jiangsu, is_public=False, start_on=today
    )
    Milestone.objects.create(
        happened_on=datetime.date(1983, 7, 1),
        title_zh="科技开发部前身服务部成立",
        title_en="The service department, forerunner of the S&T development department, is set up",
    )
    return Sample(
        jiangsu=jiangsu,
        ningxia=ningxia,
        beijing=beijing,
        suzhou=suzhou,
        wujiang=wujiang,
        yinchuan=yinchuan,
        thermal=thermal,
        soil_project=soil,
        oled_project=oled,
        secret_project=secret,
        institute=institute,
        fund=fund,
        office=office,
        today=today,
    )
