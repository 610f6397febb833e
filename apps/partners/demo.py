"""The partners' part of the demo data (``apps.core.demo``): the people's governments of the
seed's provinces and cities, two illustrative enterprises in every cooperating city and the
seed's named partners; later, the enterprises' memberships.

Reads from the loader: the places (regions). Leaves ``organization_ids`` ({Chinese name: pk})
and ``enterprises_by_city`` ({city code: [enterprise names]}).
"""

import datetime
from decimal import Decimal

from apps.core.demo import DemoStep, upsert
from apps.partners.models import (
    GovernmentLevel,
    Membership,
    MembershipStatus,
    MembershipTier,
    Organization,
    OrganizationKind,
    Ownership,
)
from apps.regions.demo import AGREEMENT_PROVINCES
from apps.regions.geography import romanize

ENTERPRISE_BRANDS = ["华创", "恒信", "博远", "新元", "天成", "金桥", "瑞达", "嘉禾", "远航", "中晟"]
ENTERPRISE_INDUSTRIES = [
    ("精密机械", "Precision Machinery", "manufacturing"),
    ("新材料", "Advanced Materials", "materials"),
    ("环保科技", "Environmental Technology", "environment"),
    ("电子信息", "Electronics", "electronics"),
    ("汽车零部件", "Auto Parts", "automotive"),
    ("能源", "Energy", "energy"),
    ("化工", "Chemicals", "chemicals"),
    ("生物医药", "Biomedicine", "biomedicine"),
]


def load_organizations(loader):
    organizations = []
    for code in AGREEMENT_PROVINCES:
        province = loader.provinces[code]
        organizations.append(
            Organization(
                kind=OrganizationKind.GOVERNMENT,
                government_level=GovernmentLevel.PROVINCE,
                ownership=Ownership.PUBLIC_SECTOR,
                name_zh=f"{province.name_zh}人民政府",
                name_en=f"People's Government of {province.name_en}",
                province=province,
            )
        )
    for code in loader.city_codes:
        city = loader.cities[code]
        organizations.append(
            Organization(
                kind=OrganizationKind.GOVERNMENT,
                government_level=GovernmentLevel.CITY,
                ownership=Ownership.PUBLIC_SECTOR,
                name_zh=f"{city.name_zh}人民政府",
                name_en=f"People's Government of {city.name_en}",
                province=loader.provinces[city.province.code],
                city=city,
            )
        )
    loader.enterprises_by_city = {}
    for index, code in enumerate(loader.city_codes):
        city = loader.cities[code]
        short = city.name_zh.removesuffix("市").removesuffix("区")
        for offset in range(2):
            brand = ENTERPRISE_BRANDS[(index + offset * 3) % len(ENTERPRISE_BRANDS)]
            industry_zh, industry_en, industry = ENTERPRISE_INDUSTRIES[
                (index * 2 + offset) % len(ENTERPRISE_INDUSTRIES)
            ]
            name_zh = f"{short}{brand}{industry_zh}有限公司"
            organizations.append(
                Organization(
                    kind=OrganizationKind.ENTERPRISE,
                    ownership=[Ownership.PRIVATE, Ownership.STATE_OWNED, Ownership.FOREIGN][
                        (index + offset) % 3
                    ],
                    name_zh=name_zh,
                    name_en=f"{romanize(short)} {romanize(brand)} {industry_en} Co., Ltd.",
                    industry=industry,
                    province=loader.provinces[city.province.code],
                    city=city,
                    is_illustrative=True,
                )
            )
            loader.enterprises_by_city.setdefault(code, []).append(name_zh)
    for name_zh, name_en, city_code in [
        ("北方重工集团有限公司", "North Heavy Industries Group", "150200"),
        (
            "西安阎良国家航空高技术产业基地",
            "Xi'an Yanliang National Aviation High-Tech Industrial Base",
            "610114",
        ),
    ]:
        city = loader.cities[city_code]
        organizations.append(
            Organization(
                kind=OrganizationKind.ENTERPRISE if "集团" in name_zh else OrganizationKind.OTHER,
                ownership=Ownership.STATE_OWNED,
                name_zh=name_zh,
                name_en=name_en,
                province=loader.provinces[city.province.code],
                city=city,
            )
        )
    # Governments are the seed's partners; only their agreements are illustrative.
    loader.organization_ids = upsert(Organization, organizations, ["name_zh"])


def load_memberships(loader):
    enterprises = sorted(name for names in loader.enterprises_by_city.values() for name in names)[
        :40
    ]
    memberships = []
    for index, name in enumerate(enterprises):
        joined = datetime.date(1997 + index % 19, 1 + index % 12, 1)
        valid_until = joined.replace(year=joined.year + 3 * (1 + index % 10))
        if valid_until < loader.today:
            status = MembershipStatus.LAPSED
        elif valid_until <= loader.today + datetime.timedelta(days=60):
            status = MembershipStatus.PENDING_RENEWAL
        else:
            status = MembershipStatus.ACTIVE
        memberships.append(
            Membership(
                organization_id=loader.organization_ids[name],
                tier=[MembershipTier.STRATEGIC, MembershipTier.SENIOR, MembershipTier.REGULAR][
                    index % 3
                ],
                joined_on=joined,
                valid_until=valid_until,
                status=status,
                annual_fee=Decimal([500_000, 200_000, 50_000][index % 3]),
                is_illustrative=True,
            )
        )
    upsert(Membership, memberships, ["organization", "joined_on"])


ORGANIZATIONS = DemoStep(30, load_organizations)
MEMBERSHIPS = DemoStep(110, load_memberships)
