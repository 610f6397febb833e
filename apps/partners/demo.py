"""The partners' part of the demo data (``apps.core.demo``): the people's governments of the
seed's provinces and cities, two illustrative enterprises in every cooperating city and the
seed's named partners; later, the enterprises' memberships.

Reads from the loader: the places (regions). Leaves ``organization_ids`` ({Chinese name: pk})
``enterprises_by_city`` ({city code: [enterprise names]}) and ``enterprise_industry`` ({name:
industry}).
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
    PartnerContact,
)
from apps.regions.demo import AGREEMENT_PROVINCES
from apps.regions.geography import romanize

# Made-up brands of two characters, one from each list: the lists' lengths are coprime, so
# the n-th enterprise's pair (n mod 37, 3n mod 41) repeats only after 1,517 enterprises.
BRAND_FIRST = "华恒博新天金瑞嘉远中宏鼎盛联正通康力源汇丰昌明德兴普睿泰安永信合众光科诚凯"
BRAND_SECOND = "创信远元成桥达禾航晟泰鑫瑞祥隆和丰盛越辉美邦升腾益诚德宇威华康海峰立嘉强润福通楷旭"
ENTERPRISES_PER_CITY = 3
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


def enterprise_brand(n):
    first = BRAND_FIRST[n % len(BRAND_FIRST)]
    second = BRAND_SECOND[(3 * n) % len(BRAND_SECOND)]
    if second == first:
        second = BRAND_SECOND[(3 * n + 1) % len(BRAND_SECOND)]
    return first + second


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
    loader.enterprise_industry = {}
    for index, code in enumerate(loader.city_codes):
        city = loader.cities[code]
        short = city.name_zh.removesuffix("市").removesuffix("新区").removesuffix("区")
        for offset in range(ENTERPRISES_PER_CITY):
            brand = enterprise_brand(index * ENTERPRISES_PER_CITY + offset)
            industry_zh, industry_en, industry = ENTERPRISE_INDUSTRIES[
                (index * ENTERPRISES_PER_CITY + offset) % len(ENTERPRISE_INDUSTRIES)
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
            loader.enterprise_industry[name_zh] = industry
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
    # Illustrative addresses that speak for the first members (example.com: nobody's inbox),
    # so the partner page has someone to sign in.
    for index, name in enumerate(enterprises[:10]):
        PartnerContact.objects.update_or_create(
            email=f"contact{index + 1:02d}@partner.example.com",
            defaults={
                "organization_id": loader.organization_ids[name],
                "name": f"示例联系人{index + 1:02d}",
                "confirmed": index % 5 != 4,
            },
        )


ORGANIZATIONS = DemoStep(30, load_organizations)
MEMBERSHIPS = DemoStep(110, load_memberships)
