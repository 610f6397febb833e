"""The funds' part of the synthetic data set (``apps.core.synthetic``): funds of the synthetic
governments, with the parties' contributions and grants to projects.

Reads ``synth.governments`` (partners), ``synth.projects`` (projects), ``synth.departments``
(core).
"""

import datetime

from apps.core.synthetic import PREFIX, SyntheticStep, table
from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant
from apps.regions.models import City, Province


def write_funds(synth, count):
    governments, projects, departments = synth.governments, synth.projects, synth.departments
    funds = []
    for n in range(count):
        government = synth.random.choice(governments)
        province = Province.objects.get(pk=government.province_id)
        city = City.objects.get(pk=government.city_id) if government.city_id else None
        place = city or province
        funds.append(
            CooperationFund(
                code=f"{PREFIX.lower()}-fund-{n:03d}",
                name_zh=f"清华大学—{place.name_zh}科技合作基金",
                name_en=f"Tsinghua–{place.name_en} S&T Cooperation Fund",
                province=province,
                city=city,
                government_id=government.pk,
                established_on=synth.date_between(datetime.date(2000, 1, 1), synth.today),
                committed_amount=synth.random.choice((2, 3, 5, 10, 20)) * 10_000_000,
                purpose_zh="支持清华大学科技成果在当地转化。",
                purpose_en="Supports the industrialization of the university's achievements locally.",
                is_illustrative=True,
            )
        )
    funds = CooperationFund.objects.bulk_create(funds)
    contributions, grants = [], []
    for fund in funds:
        for party in (ContributingParty.GOVERNMENT, ContributingParty.UNIVERSITY):
            contributions.append(
                FundContribution(
                    fund=fund,
                    party=party,
                    amount=fund.committed_amount / 2,
                    contributed_on=fund.established_on,
                )
            )
        for g in range(synth.random.randint(3, 12)):
            grants.append(
                FundGrant(
                    fund=fund,
                    project_id=synth.random.choice(projects) if projects else None,
                    title=f"{fund.name_zh}资助项目{g + 1}",
                    department=synth.random.choice(departments),
                    amount=synth.random.choice((50, 100, 200, 300)) * 10_000,
                    granted_on=fund.established_on + datetime.timedelta(days=60 * (g + 1)),
                )
            )
    FundContribution.objects.bulk_create(contributions)
    FundGrant.objects.bulk_create(grants)


def _fund_rows(prefix):
    funds = f"(SELECT id FROM {table(CooperationFund)} WHERE code LIKE %s)"
    code = f"{prefix.lower()}-%"
    return [
        (f"DELETE FROM {table(FundGrant)} WHERE fund_id IN {funds}", code),
        (f"DELETE FROM {table(FundContribution)} WHERE fund_id IN {funds}", code),
        (f"DELETE FROM {table(CooperationFund)} WHERE code LIKE %s", code),
    ]


FUNDS = SyntheticStep(80, "funds", write_funds, option="funds", default=12, clear=_fund_rows)
