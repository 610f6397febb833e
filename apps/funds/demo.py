"""The funds' part of the demo data (``apps.core.demo``): the six cooperation funds of the seed
(Hebei, Yunnan, Anshan, Wuxi, Guangdong, Tongling; marked illustrative, as their sizes and
dates are made up), the parties' contributions and illustrative grants to projects of each
fund's own region, by the project's own school.

Reads from the loader: the places (regions), ``organization_ids`` (partners), ``schools``
(core), ``project_ids``, ``project_started``, ``project_provinces``, ``project_cities`` and
``project_departments`` (projects).
"""

import datetime
from decimal import Decimal

from django.db.models import Q

from apps.core.demo import (
    DemoStep,
    agreement_in_force,
    agreement_terms,
    government_of,
    upsert,
)
from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant

D = datetime.date

# (code, Chinese, English, province code, city code, established, committed CNY)
FUNDS = [
    (
        "hebei",
        "清华大学—河北省合作基金",
        "Tsinghua–Hebei Province Cooperation Fund",
        "130000",
        None,
        D(2009, 5, 1),
        50_000_000,
    ),
    (
        "yunnan",
        "清华大学—云南省合作基金",
        "Tsinghua–Yunnan Province Cooperation Fund",
        "530000",
        None,
        D(2010, 4, 1),
        30_000_000,
    ),
    (
        "anshan",
        "清华大学—鞍山市合作基金",
        "Tsinghua–Anshan Cooperation Fund",
        "210000",
        "210300",
        D(2008, 9, 1),
        20_000_000,
    ),
    (
        "wuxi",
        "清华大学—无锡市合作基金",
        "Tsinghua–Wuxi Cooperation Fund",
        "320000",
        "320200",
        D(2007, 6, 1),
        60_000_000,
    ),
    (
        "guangdong",
        "清华大学—广东省合作基金",
        "Tsinghua–Guangdong Province Cooperation Fund",
        "440000",
        None,
        D(2011, 3, 1),
        100_000_000,
    ),
    (
        "tongling",
        "清华大学—铜陵市合作基金",
        "Tsinghua–Tongling Cooperation Fund",
        "340000",
        "340700",
        D(2012, 10, 1),
        20_000_000,
    ),
]


def in_region(loader, fund, project_id):
    """Whether the project has a site in the fund's city (a city's fund) or province."""
    if fund.city_id:
        return fund.city_id in loader.project_cities.get(project_id, ())
    return fund.province_id in loader.project_provinces.get(project_id, ())


def load_funds(loader):
    funds = []
    for code, zh, en, province, city, established, committed in FUNDS:
        funds.append(
            CooperationFund(
                code=code,
                name_zh=zh,
                name_en=en,
                province=loader.provinces[province],
                city=loader.cities.get(city),
                government_id=government_of(loader, province_code=province, city_code=city),
                established_on=established,
                committed_amount=Decimal(committed),
                purpose_zh="整合各方资源，推动科技成果产业化；地方政府主导，校企双赢。（规模与设立日期为示意数据）",
                purpose_en="Integrates resources to industrialize research achievements, led by the "
                "local government for the benefit of the university and enterprises. "
                "(Size and date of establishment are illustrative.)",
                # The seed names the fund; its size and date are made up.
                is_illustrative=True,
            )
        )
    fund_ids = upsert(CooperationFund, funds, ["code"])
    contributions, grants = [], []
    project_codes = sorted(loader.project_ids)
    started = loader.project_started
    terms = agreement_terms(FundGrant.agreement.field.related_model)
    for fund in funds:
        for party, share in (
            (ContributingParty.GOVERNMENT, Decimal("0.6")),
            (ContributingParty.UNIVERSITY, Decimal("0.2")),
        ):
            contributions.append(
                FundContribution(
                    fund_id=fund_ids[fund.code],
                    party=party,
                    organization_id=fund.government_id
                    if party == ContributingParty.GOVERNMENT
                    else None,
                    amount=(fund.committed_amount * share).quantize(Decimal("0.01")),
                    contributed_on=fund.established_on,
                )
            )
        # A fund finances projects of its own region (its city, or its province), which have
        # started, run by their own school, under the region's agreement in force that day.
        own = [
            loader.project_ids[code]
            for code in project_codes
            if in_region(loader, fund, loader.project_ids[code])
        ]
        for number in range(3):
            project_id = own[number % len(own)]
            granted_on = fund.established_on.replace(year=fund.established_on.year + 1 + number)
            if started.get(project_id) and started[project_id] > granted_on:
                granted_on = started[project_id] + datetime.timedelta(days=30 * (number + 1))
            granted_on = min(granted_on, loader.today)
            grants.append(
                FundGrant(
                    fund_id=fund_ids[fund.code],
                    project_id=project_id,
                    title=f"{fund.name_zh}资助项目{number + 1}（示意）",
                    department_id=loader.project_departments[project_id],
                    agreement_id=agreement_in_force(
                        terms, fund.province_id, fund.city_id, granted_on
                    ),
                    amount=(fund.committed_amount / 20).quantize(Decimal("0.01")),
                    granted_on=granted_on,
                )
            )
    upsert(FundContribution, contributions, ["fund", "party", "contributed_on"])
    # Grants an earlier version of this loader dated differently: replaced, not kept beside.
    kept = Q()
    for grant in grants:
        kept |= Q(fund_id=grant.fund_id, title=grant.title, granted_on=grant.granted_on)
    FundGrant.objects.filter(fund_id__in=fund_ids.values(), title__endswith="（示意）").exclude(
        kept
    ).delete()
    upsert(FundGrant, grants, ["fund", "title", "granted_on"])


FUNDS_STEP = DemoStep(
    80,
    load_funds,
    places=((CooperationFund, "province", "city"),),
    figures=lambda today: [(60, "cooperation funds", CooperationFund.objects.count())],
)
