"""The partners' part of the synthetic data set (``apps.core.synthetic``): the people's
governments of every province and of four cities in each, and enterprises.

Reads the places (regions). Leaves ``synth.organizations`` (pk, kind, province, city only) and ``synth.governments``
(those of them that are governments).
"""

from apps.core.synthetic import PREFIX, SyntheticStep, table
from apps.partners.models import Organization, OrganizationKind, Ownership

COMPANY_WORDS = [
    ("华创", "Huachuang"),
    ("中科", "Zhongke"),
    ("新源", "Xinyuan"),
    ("恒通", "Hengtong"),
    ("海创", "Haichuang"),
    ("金泰", "Jintai"),
    ("宏达", "Hongda"),
    ("天成", "Tiancheng"),
    ("瑞丰", "Ruifeng"),
    ("博远", "Boyuan"),
    ("鼎盛", "Dingsheng"),
    ("绿能", "Lvneng"),
    ("联创", "Lianchuang"),
    ("卓越", "Zhuoyue"),
    ("同方", "Tongfang"),
    ("启明", "Qiming"),
]
INDUSTRIES = [
    ("新材料", "New Materials", "新材料"),
    ("智能装备", "Intelligent Equipment", "装备制造"),
    ("环保科技", "Environmental Technology", "节能环保"),
    ("能源", "Energy", "能源"),
    ("电子", "Electronics", "电子信息"),
    ("化工", "Chemicals", "化工"),
    ("汽车零部件", "Auto Parts", "汽车"),
    ("生物科技", "Biotech", "生物医药"),
    ("信息技术", "Information Technology", "软件和信息服务"),
    ("建设工程", "Construction", "建筑"),
]


def write_organizations(synth, count):
    rows, names = [], set()
    governments = []
    for province in synth.provinces:
        governments.append(
            (
                f"{province.name_zh}人民政府",
                f"People's Government of {province.name_en}",
                province,
                None,
            )
        )
        for city in synth.cities.get(province.pk, [])[:4]:
            governments.append(
                (
                    f"{city.name_zh}人民政府",
                    f"People's Government of {city.name_en}",
                    province,
                    city,
                )
            )
    for name_zh, name_en, province, city in governments:
        names.add(name_zh)
        rows.append(
            Organization(
                kind=OrganizationKind.GOVERNMENT,
                ownership=Ownership.PUBLIC_SECTOR,
                government_level="city" if city else "province",
                name_zh=name_zh,
                name_en=name_en,
                credit_code=f"{PREFIX}G{len(rows):06d}",
                province=province,
                city=city,
                is_illustrative=True,
            )
        )
    attempts = 0
    while len(rows) < count + len(governments) and attempts < count * 20:
        attempts += 1
        province, city = synth.place(with_city=1)
        word_zh, word_en = synth.random.choice(COMPANY_WORDS)
        industry_zh, industry_en, industry = synth.random.choice(INDUSTRIES)
        place = (city or province).name_zh.rstrip("市省")
        name_zh = f"{place}{word_zh}{industry_zh}有限公司"
        if name_zh in names:
            continue
        names.add(name_zh)
        place_en = (city or province).name_en.replace(" City", "")
        rows.append(
            Organization(
                kind=OrganizationKind.ENTERPRISE,
                ownership=synth.random.choice(
                    [
                        Ownership.PRIVATE,
                        Ownership.PRIVATE,
                        Ownership.STATE_OWNED,
                        Ownership.FOREIGN,
                    ]
                ),
                name_zh=name_zh,
                name_en=f"{place_en} {word_en} {industry_en} Co., Ltd.",
                credit_code=f"{PREFIX}E{len(rows):06d}",
                industry=industry,
                province=province,
                city=city,
                is_public=synth.random.random() < 0.9,
                is_illustrative=True,
            )
        )
    Organization.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    synth.organizations = list(
        Organization.objects.filter(credit_code__startswith=PREFIX).only(
            "pk", "kind", "province_id", "city_id"
        )
    )
    synth.governments = [o for o in synth.organizations if o.kind == OrganizationKind.GOVERNMENT]
    synth.write(f"{len(synth.organizations)} organizations")


ORGANIZATIONS = SyntheticStep(
    20,
    "organizations",
    write_organizations,
    option="organizations",
    default=5_000,
    clear=lambda prefix: [
        (f"DELETE FROM {table(Organization)} WHERE credit_code LIKE %s", f"{prefix}%")
    ],
)
